/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  interrupted: 130,
} as const;

/**
 * An error the user can act on: printed as one line (plus an optional hint),
 * never with a stack trace.
 */
export class UserError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; exitCode?: number } = {}) {
    super(message);
    this.name = "UserError";
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.failure;
  }
}

/** A bad or missing flag or argument: exit code 2. */
export class UsageError extends UserError {
  constructor(message: string, options: { hint?: string } = {}) {
    super(message, { ...options, exitCode: EXIT.usage });
    this.name = "UsageError";
  }
}

/** The user pressed Ctrl-C or Esc in a prompt: exit 130. */
export class InterruptedError extends UserError {
  constructor(message = "cancelled") {
    super(message, { exitCode: EXIT.interrupted });
    this.name = "InterruptedError";
  }
}

export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}

/** What the operating system refused, and what the user can do about it. */
const OS_ERRORS: Record<string, { what: string; todo: string; whole?: true }> = {
  EACCES: { what: "permission denied", todo: "check the permissions of the file and its folder (ls -ld), or run nexus as their owner" },
  EPERM: { what: "operation not permitted", todo: "the file or its folder may be immutable or owned by another user (lsattr; chattr -i)" },
  EROFS: { what: "the file system is read-only", todo: "remount it writable, or copy the journal to a writable place" },
  ENOSPC: { what: "no space left on the device", todo: "free some space and run the command again", whole: true },
  EDQUOT: { what: "disk quota exceeded", todo: "free some space and run the command again", whole: true },
  ENOTDIR: { what: "a part of the path is a file, not a folder", todo: "move the file that is in the way, or point --dir elsewhere" },
  EISDIR: { what: "it is a folder, not a file", todo: "move the folder out of the way" },
  EMFILE: { what: "too many open files", todo: "raise the limit (ulimit -n) or close other programs, then run the command again" },
  ENFILE: { what: "too many open files on the system", todo: "close other programs, then run the command again" },
  ENAMETOOLONG: { what: "the name is too long for the file system", todo: "use a shorter title or folder" },
  ELOOP: { what: "too many symbolic links", todo: "a link points to itself: fix or remove it" },
  EIO: { what: "input/output error", todo: "the disk may be failing: check it, and your backups" },
  EBUSY: { what: "the file is busy", todo: "close the program using it, then run the command again" },
  ENOTREG: { what: "not a regular file", todo: "nexus reads only regular files: put a file there, or remove what is there, then run the command again" },
  EFBIG: { what: "the file is too large", todo: "nothing of it was read; move it out of the journal, or split it" },
  ENOENT: { what: "no such file or folder", todo: "it may have been moved or removed while nexus ran: run the command again" },
};

const VERBS: Record<string, string> = {
  open: "open",
  read: "read",
  write: "write",
  fsync: "write",
  rename: "replace",
  link: "create",
  mkdir: "create the folder",
  rmdir: "remove",
  unlink: "remove",
  rm: "remove",
  scandir: "read the folder",
  opendir: "read the folder",
  stat: "look at",
  lstat: "look at",
  chmod: "change",
  copyfile: "copy",
};

/**
 * An ordinary error of the operating system (a read-only folder, a full disk, a file
 * where a folder should be) as a one-line UserError naming the path and what to do;
 * undefined for anything else. The one place these are worded, for every command.
 * `outcome` says what the command left (such as "nothing was changed"); without it, a
 * full disk says that nothing was half-written (every write is atomic).
 */
export function userErrorFromOs(error: unknown, cwd: string, outcome?: string): UserError | undefined {
  if (!isErrnoException(error)) return undefined;
  const known = OS_ERRORS[error.code!];
  if (!known) return undefined;
  let target = error.path;
  // A temporary file of an atomic write (`.NAME.PID.HEX.tmp`) stands for NAME.
  if (target) {
    const base = target.split(/[\\/]/).pop()!;
    const temp = /^\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/.exec(base);
    if (temp) target = target.slice(0, target.length - base.length) + temp[1]!;
  }
  const verb = (error.syscall && VERBS[error.syscall]) || "use";
  let shown = target;
  if (shown && cwd && shown.startsWith(`${cwd}/`)) shown = shown.slice(cwd.length + 1);
  const hint = outcome ? `${known.todo}; ${outcome}` : known.whole ? `${known.todo}; nothing was half-written` : known.todo;
  // Refused by src/journal/regular-file.ts before a byte was read: its message says what the file is.
  if (error.code === "ENOTREG" || error.code === "EFBIG") return new UserError(`${shown ?? "a file"}: ${error.message}`, { hint });
  const message = shown ? `cannot ${verb} ${shown}: ${known.what} (${error.code})` : `${known.what} (${error.code})`;
  return new UserError(message, { hint });
}
