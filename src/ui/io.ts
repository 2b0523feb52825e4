import path from "node:path";
import type { ChalkInstance } from "chalk";
import type { FileProblem } from "../journal/read.js";
import { inertLine } from "../domain/sanitize.js";
import { lazyRegExp } from "../domain/lazy-regexp.js";
import { UserError } from "../errors.js";
import { plainColor } from "./plain-color.js";

/** Where a command writes, and what the terminal can do. Tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colours for stdout. */
  color: ChalkInstance;
  /** stdin and stdout are both a terminal: prompts and editors may be used. */
  interactive: boolean;
  /** stdout is a terminal. */
  stdoutIsTTY: boolean;
  /** stderr is a terminal (progress lines go there). */
  stderrIsTTY?: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  columns: number;
}

/**
 * The colour level from NO_COLOR, FORCE_COLOR and `--no-color`, in that order of
 * strength: `--no-color` and NO_COLOR switch colour off, FORCE_COLOR switches it
 * on without a terminal, otherwise colour is on when stdout is a terminal.
 */
export function colorLevel(options: { noColorFlag: boolean; env: NodeJS.ProcessEnv; isTTY: boolean }): 0 | 1 | 2 | 3 {
  if (options.noColorFlag) return 0;
  if (options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== "") return 0;
  const force = options.env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "0" || force === "false") return 0;
    if (force === "2") return 2;
    if (force === "3") return 3;
    return 1;
  }
  if (!options.isTTY || options.env.TERM === "dumb") return 0;
  return options.env.COLORTERM === "truecolor" ? 3 : 2;
}

/** The process's working folder; a user error when it was removed (a shell left in a deleted folder). */
function workingFolder(): string {
  try {
    return process.cwd();
  } catch {
    throw new UserError("the current folder no longer exists (it was removed or moved away)", { hint: "cd to a folder that exists and run nexus again" });
  }
}

/**
 * The colours of a run: `color`, made by chalk (loaded by the caller only for colour), or none for level 0.
 * Whether the run is interactive is asked of process.stdin only when a command asks: made only
 * to be asked, it would be a stream of its own in every run (for a file or /dev/null, with Node's
 * file streams and fs.promises, ~30 of its modules).
 */
export function processIo(level: 0 | 1 | 2 | 3, color: (level: 1 | 2 | 3) => ChalkInstance): Io {
  let interactive: boolean | undefined;
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    color: level === 0 ? plainColor() : color(level),
    get interactive() {
      return (interactive ??= Boolean(process.stdin.isTTY && process.stdout.isTTY));
    },
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY) && process.env.TERM !== "dumb",
    cwd: workingFolder(),
    env: process.env,
    // The terminal's width; else $COLUMNS when it is set (exported); else 80.
    columns: process.stdout.columns || Number(/^\d+$/.exec(process.env.COLUMNS ?? "")?.[0]) || 80,
  };
}

/**
 * Prints each problem of invalid or suspicious entries as one warning line on
 * stderr. Returns true when `strict` makes them a failure.
 */
export function warnProblems(io: Io, problems: FileProblem[], strict: boolean): boolean {
  for (const problem of problems) {
    const skipped = problem.severity === "error" ? " (skipped)" : "";
    const line = `${problem.path}:${problem.line}: ${problem.message}`;
    io.err(`${io.color.yellow("nexus: warning:")} ${inertLine(line)}${skipped}\n`);
  }
  return strict && problems.length > 0;
}

// Combining marks and zero-width characters take no column; East Asian wide and
// full-width characters take two, and so does an emoji shown as one (a grapheme with
// emoji presentation, a text symbol made emoji by U+FE0F, a flag, a family joined by ZWJ).
// Hangul vowel and final jamo join the initial before them into one syllable.
// The patterns with Unicode property classes are made on first use (lazy-regexp.ts): ASCII
// text, most of what nexus prints, needs none of them.
const ZERO_WIDTH_CLASS = String.raw`[\p{Mn}\p{Me}\p{Cf}\u1160-\u11ff\ud7b0-\ud7ff]`;
const ZERO_WIDTH = lazyRegExp(`^${ZERO_WIDTH_CLASS}$`, "u");
const WIDE = /[\u1100-\u115f\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{16fe0}-\u{18cff}\u{1b000}-\u{1b2ff}\u{1f004}\u{1f0cf}\u{1f18e}\u{1f191}-\u{1f19a}\u{1f1e6}-\u{1f1ff}\u{1f200}-\u{1f64f}\u{1f680}-\u{1f6ff}\u{1f7e0}-\u{1f7eb}\u{1f90c}-\u{1f9ff}\u{1fa70}-\u{1faff}\u{20000}-\u{3fffd}]/u;
const EMOJI = lazyRegExp(String.raw`[0-9#*]\ufe0f?\u20e3|\p{Extended_Pictographic}\ufe0f|\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(\p{Emoji_Modifier}|\u200d)`, "u");
/** Printable ASCII only: one column a character, no cluster to look at (most titles). */
const ASCII = /^[\x20-\x7e]*$/;
/** What joins code points into one emoji: only text with one of these is cut into graphemes (slow); the rest is counted by code point. */
const CLUSTERED = lazyRegExp(String.raw`\u200d|\ufe0f|\u20e3|\p{Emoji_Modifier}|\p{Regional_Indicator}`, "u");

let segmenter: Intl.Segmenter | undefined;
/** The text's graphemes, as a person counts characters. */
function graphemes(text: string): Iterable<string> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

function charWidth(ch: string): number {
  // (Below U+00AD, the first of them, every character takes one column.)
  if (ch.charCodeAt(0) < 0xad) return 1;
  if (ZERO_WIDTH().test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/** The text in what a width is counted by: code points, or graphemes when emoji join them. */
const units = (text: string): Iterable<string> => (ASCII.test(text) || !CLUSTERED().test(text) ? text : graphemes(text));

/** Columns a grapheme (or a code point) takes: two for an emoji sequence or a wide character, else its code points'. */
function clusterWidth(cluster: string): number {
  if (cluster.length > 1 && EMOJI().test(cluster)) return 2;
  let width = 0;
  for (const ch of cluster) width += charWidth(ch);
  return Math.min(width, 2);
}

const WIDE_ALL = new RegExp(WIDE.source, "gu");
const ZERO_ALL = lazyRegExp(ZERO_WIDTH_CLASS, "gu");
const HIGH_SURROGATE = /[\ud800-\udbff]/g;
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** Columns a one-line text takes on a terminal. */
export function displayWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  // Code point by code point, counted by the regex engine in three passes (CJK titles are long lists).
  if (!CLUSTERED().test(text)) return text.length - count(text, HIGH_SURROGATE) + count(text, WIDE_ALL) - count(text, ZERO_ALL());
  let width = 0;
  for (const cluster of units(text)) width += clusterWidth(cluster);
  return width;
}

/** Pads a one-line text to a number of terminal columns. */
export function pad(text: string, width: number): string {
  const used = displayWidth(text);
  return used >= width ? text : text + " ".repeat(width - used);
}

/** Cuts a one-line text to a number of terminal columns, with an ellipsis; never inside a grapheme. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return "";
  let out = "";
  let used = 0;
  for (const cluster of units(text)) {
    const w = clusterWidth(cluster);
    if (used + w > width - 1) break;
    out += cluster;
    used += w;
  }
  return `${out}…`;
}

/** Where a path is best shown from: relative to the current folder when inside it. */
export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}
