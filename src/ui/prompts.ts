// The one module that asks the user anything. It refuses to prompt without a
// terminal, turns Ctrl-C and Esc into InterruptedError, and is what tests replace.
import { emitKeypressEvents } from "node:readline";
import { InterruptedError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import { typedLinesToMarkdown } from "../domain/typed-lines.js";
import { editSection } from "./edit-section.js";

type Inquirer = typeof import("@inquirer/prompts");

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface Prompter {
  text(message: string, options?: { default?: string; required?: boolean; validate?: (value: string) => string | true }): Promise<string>;
  multiline(message: string): Promise<string>;
  select<T>(message: string, choices: Choice<T>[]): Promise<T>;
  checkbox<T>(message: string, choices: Choice<T>[]): Promise<T[]>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  search<T>(message: string, source: (term: string | undefined) => Promise<Choice<T>[]> | Choice<T>[]): Promise<T>;
}

/** Runs a prompt with Esc bound to cancel, and maps cancellation to InterruptedError. */
async function guarded<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onKey = (_: string, key: { name?: string } | undefined) => {
    if (key?.name === "escape") controller.abort();
  };
  emitKeypressEvents(process.stdin);
  process.stdin.on("keypress", onKey);
  try {
    return await run(controller.signal);
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === "ExitPromptError" || name === "AbortPromptError" || name === "CancelPromptError") {
      throw new InterruptedError();
    }
    throw error;
  } finally {
    process.stdin.off("keypress", onKey);
  }
}

let inquirer: Promise<Inquirer> | undefined;
const load = () => (inquirer ??= import("@inquirer/prompts"));

const safeChoices = <T>(choices: Choice<T>[]) =>
  choices.map((c) => ({ name: inertLine(c.name), value: c.value, description: c.description && inertLine(c.description) }));

/** The prompter used on a real terminal, built on @inquirer/prompts. */
export const terminalPrompter: Prompter = {
  async text(message, options = {}) {
    const { input } = await load();
    return guarded((signal) =>
      input(
        {
          message,
          default: options.default,
          required: options.required,
          validate: options.validate,
        },
        { signal },
      ),
    );
  },

  async multiline(message) {
    const { input } = await load();
    const lines: string[] = [];
    for (;;) {
      const line = await guarded((signal) =>
        input({ message: lines.length === 0 ? `${message} (Enter alone skips it; end with a line . alone; :e opens your editor)` : "…" }, { signal }),
      );
      if (!lines.length && !line.trim()) return "";
      if (line.trim() === ".") break;
      if (line.trim() === ":e") {
        const edited = editSection(typedLinesToMarkdown(lines));
        if (edited !== undefined) return edited;
        continue;
      }
      lines.push(line);
    }
    return typedLinesToMarkdown(lines);
  },

  async select(message, choices) {
    const { select } = await load();
    return guarded((signal) => select({ message, choices: safeChoices(choices), pageSize: 12 }, { signal }));
  },

  async checkbox(message, choices) {
    const { checkbox } = await load();
    return guarded((signal) => checkbox({ message, choices: safeChoices(choices), pageSize: 12 }, { signal }));
  },

  async confirm(message, defaultValue = true) {
    const { confirm } = await load();
    return guarded((signal) => confirm({ message, default: defaultValue }, { signal }));
  },

  async search(message, source) {
    const { search } = await load();
    return guarded((signal) =>
      search({ message, source: async (term) => safeChoices(await source(term)), pageSize: 12 }, { signal }),
    );
  },
};
