// One line of progress on stderr for a command that runs long: shown only on a
// terminal, only once the command has taken about a second (a quick run prints
// nothing), redrawn at most ten times a second, and cleared when done, so the
// lines printed after it are the same as without it.

export interface ProgressLine {
  /** The text of the line now (one line, no control characters). */
  update(text: string): void;
  /** Clears the line, if it was shown. */
  done(): void;
}

export interface ProgressOptions {
  /** Where the line goes: stderr, when it is a terminal. */
  write: (text: string) => void;
  /** Milliseconds before the line first shows (default 1,000). */
  delay?: number;
  now?: () => number;
}

const CLEAR = "\r\x1b[K";

export function progressLine(options: ProgressOptions): ProgressLine {
  const now = options.now ?? Date.now;
  const start = now();
  const delay = options.delay ?? 1000;
  let shown = false;
  let last = 0;
  return {
    update(text) {
      const t = now();
      if (t - start < delay || (shown && t - last < 100)) return;
      options.write(`${CLEAR}${text}`);
      shown = true;
      last = t;
    },
    done() {
      if (shown) options.write(CLEAR);
      shown = false;
    },
  };
}

/** A progress line that shows nothing (no terminal, or --json). */
export const noProgress: ProgressLine = { update: () => {}, done: () => {} };
