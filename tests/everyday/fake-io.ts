import { Chalk } from "chalk";
import type { Io } from "../../src/ui/io.js";
import type { Prompter } from "../../src/ui/prompts.js";

/** An Io that records what a command prints. */
export function fakeIo(cwd: string, options: { interactive?: boolean; env?: NodeJS.ProcessEnv; columns?: number } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    color: new Chalk({ level: 0 }),
    interactive: options.interactive ?? false,
    stdoutIsTTY: options.interactive ?? false,
    cwd,
    env: options.env ?? {},
    columns: options.columns ?? 80,
  };
  return { io, stdout: () => out.join(""), stderr: () => err.join("") };
}

/** A prompter that answers from a script and records the questions. */
export function scriptedPrompter(answers: unknown[]) {
  const asked: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`unexpected prompt: ${message}`);
    return answers.shift();
  };
  const prompter: Prompter = {
    text: async (m) => next(m) as string,
    multiline: async (m) => next(m) as string,
    select: async <T>(m: string) => next(m) as T,
    checkbox: async <T>(m: string) => next(m) as T[],
    confirm: async (m) => next(m) as boolean,
    search: async <T>(m: string) => next(m) as T,
  };
  return { prompter, asked };
}
