// The one place where commands and options are declared. Each action turns flags
// into typed options, imports its command module lazily and calls it.
// Nothing heavy is imported statically: `nexus --version` loads no library at all,
// and each command loads only what it uses.
import path from "node:path";
import type { Command } from "commander";
import { EXIT, UsageError, UserError, userErrorFromOs } from "./errors.js";
import * as sanitize from "./domain/sanitize.js";
import { packageVersion } from "./package-paths.js";
import type { Io } from "./ui/io.js";
import type { Context } from "./commands/context.js";
import type { Cli } from "./cli/shared.js";
import { registerCore } from "./cli/core.js";
import { groupCommands, HELP_OF_HELP, helpSettings, suggestKnownCommands, TOP_EXAMPLES } from "./cli/help.js";
import { entriesGuess, journalDir } from "./cli/dir.js";
import { listEarly, readCacheEarly } from "./journal/early.js";
import { CACHE_DIR, CACHE_FILE } from "./journal/cache-parts.js";
import { registerSearch, searchArguments } from "./cli/search.js";
import { registerReadme } from "./cli/readme.js";
import { registerEveryday } from "./cli/everyday.js";
import { registerImport } from "./cli/import.js";
import { registerReview } from "./cli/review.js";
import { registerSite } from "./cli/site.js";
import { registerConfig } from "./cli/config.js";

let commander: typeof import("commander");
let ui: typeof import("./ui/io.js");
let chalk: typeof import("chalk") | undefined;

/** The colour level of a command's run (--no-color, NO_COLOR, FORCE_COLOR, a terminal). */
function colorLevelOf(command: Command): 0 | 1 | 2 | 3 {
  const flags = command.optsWithGlobals<GlobalFlags>();
  return ui.colorLevel({ noColorFlag: flags.color === false, env: process.env, isTTY: Boolean(process.stdout.isTTY) });
}


interface GlobalFlags {
  dir?: string;
  color: boolean;
  pager: boolean;
  strict?: boolean;
  debug?: boolean;
}

let io: Io | undefined;

/** Commands whose output can be long: on a terminal it goes through $PAGER, as git does. */
const PAGED = new Set(["list", "show", "search", "stats", "doctor", "topics", "tags"]);
/** What a paged command printed, shown through the pager when it is done. */
let pagedOutput: string[] | undefined;

function context(command: Command): Context {
  const flags = command.optsWithGlobals<GlobalFlags>();
  io ??= ui.processIo(colorLevelOf(command), (level) => new chalk!.Chalk({ level }));
  let commandIo = io;
  if (flags.pager !== false && PAGED.has(command.name()) && command.parent?.parent === null && io.stdoutIsTTY) {
    const buffer: string[] = (pagedOutput ??= []);
    commandIo = { ...io, out: (text) => void buffer.push(text) };
  }
  return { io: commandIo, dir: journalDir(flags.dir, process.env.NEXUS_DIR), strict: Boolean(flags.strict) };
}

/** Shows what a paged command printed; also after an error, so nothing is lost. */
async function flushPaged(): Promise<void> {
  if (!pagedOutput?.length || !io) return;
  const text = pagedOutput.join("");
  pagedOutput = undefined;
  const { page } = await import("./ui/pager.js");
  await page(io, text);
}

let exitCode: number = EXIT.ok;
const done = (code: number) => {
  exitCode = code;
};

export function buildProgram(): Command {
  const program = new commander.Command("nexus")
    .description("A learning journal for the terminal: log what you learn, find it again, publish it as your README.")
    .version(packageVersion(), "-v, --version", "print the version (also -V, nexus version)")
    .option("-C, --dir <path>", "use the journal in this folder (default: found from the current folder up; env NEXUS_DIR)")
    .option("--no-color", "print without colour (also NO_COLOR=1)")
    .option("--no-pager", "never page long output (default on a terminal: $PAGER, or less -R)")
    .option("--strict", "treat warnings about entries as failure (exit 1)")
    .addOption(new commander.Option("--debug", "print stack traces of unexpected errors").hideHelp())
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      // One prefix for every error: commander's "error: ..." is "nexus: ..." as ours are.
      outputError: (text, write) => write(sanitize.inertText(text.replace(/^error: /, "nexus: "))),
    })
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run with --help for usage)")
    .configureHelp(helpSettings(commander.Help))
    .addHelpText("after", TOP_EXAMPLES);

  const cli: Cli = { context, done };
  for (const register of [registerCore, registerSearch, registerReadme, registerEveryday, registerImport, registerReview, registerSite, registerConfig]) register(program, cli);
  program
    .command("version", { hidden: true })
    .description("print the version")
    .action(() => void process.stdout.write(`${packageVersion()}\n`));
  groupCommands(program);
  suggestKnownCommands(program);

  return program;
}

/** The process's working folder, or "" when it was removed: paths in messages are then shown whole. */
function workingFolder(): string {
  try {
    return process.cwd();
  } catch {
    return "";
  }
}

function printError(error: unknown, debug: boolean): number {
  const color = io?.color;
  const red = (s: string) => (color ? color.red(s) : s);
  // Messages quote user input (a flag's value, a file name): no control character reaches the terminal.
  const inert = (text: string) => sanitize.inertText(text);
  const known = error instanceof UserError ? error : userErrorFromOs(error, workingFolder());
  if (known) {
    process.stderr.write(`${red("nexus:")} ${inert(known.message)}\n`);
    if (known.hint) process.stderr.write(`hint: ${inert(known.hint)}\n`);
    return known.exitCode;
  }
  process.stderr.write(`nexus: unexpected error: ${inert((error as Error)?.message ?? String(error))}\n`);
  if (debug) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
  else process.stderr.write("(run with --debug for details; please report it)\n");
  return EXIT.failure;
}

export async function main(argv: string[]): Promise<number> {
  // -V, as commander's default, stays a way to ask for the version.
  const args = argv.slice(2).map((arg, i, all) => (arg === "-V" && !all.slice(0, i).some((a) => !a.startsWith("-")) ? "--version" : arg));
  if (args.length === 1 && ["--version", "-v", "version"].includes(args[0]!)) {
    process.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  // The entries folder is listed and the entry cache read while the CLI and the command load (journal/early.ts).
  const entries = entriesGuess(args, process.env.NEXUS_DIR);
  if (entries) {
    listEarly(entries);
    readCacheEarly(path.join(path.dirname(entries), CACHE_DIR, CACHE_FILE));
  }
  commander = await import("commander");
  const program = buildProgram();
  // Colour and output are set up only when a command runs, not for --help.
  program.hook("preAction", async (_program, command) => {
    ui ??= await import("./ui/io.js");
    // chalk only for a run that colours its output.
    if (colorLevelOf(command) > 0) chalk ??= await import("chalk");
  });
  if (args.length === 0) {
    program.outputHelp();
    return EXIT.ok;
  }
  const helpFor = args[0] === "help" ? args[1] : undefined;
  if (helpFor === "--help" || helpFor === "-h") {
    process.stdout.write(HELP_OF_HELP);
    return EXIT.ok;
  }
  if (helpFor && !program.commands.some((c) => c.name() === helpFor || c.aliases().includes(helpFor))) {
    process.stderr.write(`nexus: unknown command '${sanitize.inertLine(helpFor)}'\n(run nexus --help for the commands)\n`);
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv.slice(0, 2), ...searchArguments(args)]);
    await flushPaged();
    return exitCode;
  } catch (error) {
    await flushPaged();
    if (error instanceof commander.CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      printError(error, false);
      return EXIT.usage;
    }
    return printError(error, args.includes("--debug"));
  }
}

process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(exitCode);
  // Output to a full disk (or /dev/full): one line, as for any other write.
  const known = userErrorFromOs(Object.assign(error, { path: error.path ?? "standard output" }), workingFolder());
  if (!known) throw error;
  process.stderr.write(`nexus: ${known.message}\n`);
  process.exit(EXIT.failure);
});

process.exitCode = await main(process.argv);
