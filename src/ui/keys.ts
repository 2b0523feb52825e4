// Reading one key press from the terminal, in raw mode, for flows that answer
// to single keys (the review). Ctrl-C is InterruptedError, as in every prompt.
import { emitKeypressEvents } from "node:readline";
import { InterruptedError } from "../errors.js";

/** A key as readline names it: `name` for special keys (escape, return, space), `sequence` for what was typed. */
export interface KeyPress {
  name: string | undefined;
  sequence: string;
}

/** Waits for a key; tests replace it. */
export type KeyReader = () => Promise<KeyPress>;

/** Reads one key from stdin, which must be a terminal. */
export const readTerminalKey: KeyReader = () =>
  new Promise((resolve, reject) => {
    const stdin = process.stdin;
    emitKeypressEvents(stdin);
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.resume();
    const done = () => {
      stdin.off("keypress", onKey);
      stdin.setRawMode(wasRaw);
      stdin.pause();
    };
    const onKey = (sequence: string | undefined, key: { name?: string; ctrl?: boolean; sequence?: string } | undefined) => {
      if (key?.ctrl && key.name === "c") {
        done();
        reject(new InterruptedError());
        return;
      }
      done();
      resolve({ name: key?.name, sequence: sequence ?? key?.sequence ?? "" });
    };
    stdin.on("keypress", onKey);
  });
