// The one way nexus opens a file to read it. A named pipe, a device or a socket
// where a file belongs would make a read wait for ever (a pipe with no writer) or
// never end (/dev/zero); a file of gigabytes would be read whole before any limit
// said no. So every file is opened without waiting (O_NONBLOCK, which changes
// nothing for a regular file), then looked at through its descriptor, the very
// file that was opened: one that is not a regular file, or is larger than the
// caller's limit, is refused before a byte of it is read. eslint.config.js keeps
// fs.readFileSync and fs.openSync for reading out of every other module.
import fs from "node:fs";

// O_NONBLOCK is 0 where the platform has none (Windows cannot make a named pipe in a folder).
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** What the file is, in a few words, for a message. */
export function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  if (stat.isDirectory()) return "a folder";
  if (stat.isSymbolicLink()) return "a link";
  return "not a file";
}

/** The file is not a regular file (a named pipe, a device, a socket, a folder): nothing was read. */
export class NotRegularFileError extends Error {
  readonly code = "ENOTREG";
  readonly syscall = "open";
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`not a regular file (${kind}); not read`);
    this.name = "NotRegularFileError";
  }
}

/** The file is larger than the reader's limit: nothing was read. */
export class FileTooLargeError extends Error {
  readonly code = "EFBIG";
  readonly syscall = "open";
  constructor(
    readonly path: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`file is larger than ${sizeText(limit)}; not read`);
    this.name = "FileTooLargeError";
  }
}

/** 1 MiB, 64 MiB, 512 KiB... */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Opens a file for reading, refusing (NotRegularFileError, FileTooLargeError) what is
 * not a regular file or is larger than `maxBytes`. Returns the descriptor and its stat.
 */
export function openRegular(file: string, maxBytes = Infinity): { fd: number; stat: fs.Stats } {
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new NotRegularFileError(file, kindOf(stat));
    if (stat.size > maxBytes) throw new FileTooLargeError(file, stat.size, maxBytes);
    return { fd, stat };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

/** Reads an open file from its start to its end (at most `maxBytes`: a file that grew past it is refused). */
function readAll(fd: number, file: string, size: number, maxBytes: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) throw new FileTooLargeError(file, length, maxBytes);
      const bigger = Buffer.allocUnsafe(Math.min(2 * buffer.length, maxBytes + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const got = fs.readSync(fd, buffer, length, buffer.length - length, length);
    if (got === 0) break;
    length += got;
  }
  if (length > maxBytes) throw new FileTooLargeError(file, length, maxBytes);
  return buffer.subarray(0, length);
}

/** A regular file's bytes (or text); anything else, or a file larger than `maxBytes`, is refused before it is read. */
export function readRegular(file: string, options?: { maxBytes?: number }): Buffer;
export function readRegular(file: string, options: { maxBytes?: number; encoding: "utf8" }): string;
export function readRegular(file: string, options: { maxBytes?: number; encoding?: "utf8" } = {}): Buffer | string {
  const maxBytes = options.maxBytes ?? MAX_READ_BYTES;
  const { fd, stat } = openRegular(file, maxBytes);
  try {
    const bytes = readAll(fd, file, stat.size, maxBytes);
    return options.encoding ? bytes.toString("utf8") : bytes;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The most any file nexus reads may hold unless its reader says otherwise: far
 * above every file nexus writes or reads whole (entries are 1 MiB at most, an
 * import source 64 MiB), below where Node would fail (2 GiB).
 */
export const MAX_READ_BYTES = 256 * 1024 * 1024;

/** What a failed read says about the file, for a `path:line: message` report. */
export function readProblem(error: unknown): string {
  if (error instanceof NotRegularFileError || error instanceof FileTooLargeError) return error.message;
  return `cannot read: ${(error as Error).message}`;
}

/** A file opened by openRegular, read whole from its start (at most `maxBytes`). */
export function readOpened(fd: number, file: string, maxBytes = MAX_READ_BYTES): Buffer {
  const stat = fs.fstatSync(fd);
  return readAll(fd, file, stat.size, maxBytes);
}

/** The flags openRegular opens with, for a reader that opens a file itself without waiting (early.ts): check the kind with fstat. */
export const READ_FLAGS = OPEN_FLAGS;
