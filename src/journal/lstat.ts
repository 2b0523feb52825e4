// lstat of many files at the price of the system call. Every run of nexus lstats
// each entry file (the cache is never trusted without it), and fs.lstatSync builds a
// Stats object for each (with four Dates on Node 20): at 10,000 files that is half the
// time of the lstat calls and a good part of the garbage (on Node 24, 40 of 68 ms of CPU).
// fs.lstatSync calls its binding, which gives the numbers in an array; the
// binding is called the same way here, where that is known to be how the running
// Node's own fs.lstatSync calls it (its source says so), and fs.lstatSync is
// used everywhere else. The first answer is checked against fs.lstatSync.
import fs from "node:fs";
import path from "node:path";

/** What lstatInto writes into its array, by index. */
export const MODE = 0;
export const SIZE = 1;
export const MTIME_MS = 2;
export const CTIME_MS = 3;
export const INO = 4;

/** An array for lstatInto. */
export const statArray = (): Float64Array => new Float64Array(5);

type FsBinding = { lstat: (file: string, bigint: false, req: undefined, throwIfNoEntry: boolean) => Float64Array | undefined };

// Node's array: dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, then
// seconds and nanoseconds of atime, mtime, ctime and birthtime.
const B_MODE = 1;
const B_INO = 7;
const B_SIZE = 8;
const B_MTIME = 12;
const B_CTIME = 14;

/** The same milliseconds as Stats#mtimeMs (Node's msFromTimeSpec). */
const ms = (sec: number, nsec: number): number => sec * 1000 + nsec / 1e6;

/**
 * How fs.lstatSync calls its binding, without spaces, in the Node lines that nexus knows:
 * each form is a list of pieces its source must all hold. Node 20 makes the path
 * namespaced (which changes nothing on POSIX); Node 22 and 24 validate it first (a
 * name read from a folder always passes) and check the permission model (not used here
 * when it is on).
 */
const LSTAT_FORMS: readonly (readonly string[])[] = [
  ["binding.lstat(pathModule.toNamespacedPath(path),options.bigint,undefined,options.throwIfNoEntry,)"],
  ["path=getValidatedPath(path);", "conststats=binding.lstat(path,options.bigint,undefined,options.throwIfNoEntry,);"],
];

function findBinding(): FsBinding | undefined {
  try {
    // The permission model's checks are in fs.lstatSync; process.binding warns under --pending-deprecation.
    if ("permission" in process && process.permission) return undefined;
    // Node takes its flags with underscores too (--pending_deprecation); under pending
    // deprecations process.binding is wrapped by util.deprecate (its name is then "deprecated").
    const flags = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`.replace(/_/g, "-");
    if (flags.includes("pending-deprecation") || process.env.NODE_PENDING_DEPRECATION === "1") return undefined;
    const getBinding = (process as unknown as { binding?: (name: string) => Partial<FsBinding> }).binding;
    if (typeof getBinding !== "function" || getBinding.name !== "binding") return undefined;
    const source = fs.lstatSync.toString().replace(/\s+/g, "");
    if (!LSTAT_FORMS.some((form) => form.every((piece) => source.includes(piece)))) return undefined;
    const binding = getBinding.call(process, "fs");
    return typeof binding.lstat === "function" ? (binding as FsBinding) : undefined;
  } catch {
    return undefined;
  }
}

let binding: FsBinding | undefined | null = null;
let checked = false;

function slowInto(file: string, out: Float64Array): boolean {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!stat) return false;
  out[MODE] = stat.mode;
  out[SIZE] = stat.size;
  out[MTIME_MS] = stat.mtimeMs;
  out[CTIME_MS] = stat.ctimeMs;
  out[INO] = stat.ino;
  return true;
}

/**
 * lstat of `file` into `out` (see MODE, SIZE, MTIME_MS, CTIME_MS): false when
 * nothing is there; other errors are thrown as fs.lstatSync throws them.
 */
export function lstatInto(file: string, out: Float64Array): boolean {
  if (binding === null) binding = findBinding();
  if (!binding) return slowInto(file, out);
  const values = binding.lstat(path.toNamespacedPath(file), false, undefined, false);
  if (values === undefined) return false;
  out[MODE] = values[B_MODE]!;
  out[SIZE] = values[B_SIZE]!;
  out[MTIME_MS] = ms(values[B_MTIME]!, values[B_MTIME + 1]!);
  out[CTIME_MS] = ms(values[B_CTIME]!, values[B_CTIME + 1]!);
  out[INO] = values[B_INO]!;
  if (!checked) {
    checked = true;
    const again = statArray();
    const same = slowInto(file, again) && again.every((v, i) => v === out[i]);
    if (!same) {
      binding = undefined;
      return slowInto(file, out);
    }
  }
  return true;
}

/** Whether lstatInto calls the binding (the running Node's fs.lstatSync is of a known form): for tests. */
export function lstatsByBinding(): boolean {
  if (binding === null) binding = findBinding();
  return binding !== undefined;
}

const kind = (out: Float64Array): number => out[MODE]! & fs.constants.S_IFMT;
export const isFile = (out: Float64Array): boolean => kind(out) === fs.constants.S_IFREG;
export const isDirectory = (out: Float64Array): boolean => kind(out) === fs.constants.S_IFDIR;
export const isSymbolicLink = (out: Float64Array): boolean => kind(out) === fs.constants.S_IFLNK;
