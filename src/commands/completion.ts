// Shell completion: `nexus completion bash|zsh|fish` prints a script built from
// the declared commands and options, so it never falls behind them. Topics, tags
// and entries are completed by calling the hidden `nexus __complete`, which
// prints nothing (and exits 0) outside a journal.
import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import { countLabels } from "../domain/labels.js";
import { readJournal } from "../journal/read.js";
import { locate, type Context } from "./context.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

/** What a value after an option or argument is completed from. */
export type ValueKind = "topics" | "tags" | "entries" | "dirs" | "shells" | "commands" | "free" | "none";

export interface OptionSpec {
  short?: string | undefined;
  long?: string | undefined;
  description: string;
  /** What the option's value is completed from ("none": it takes no value). */
  value: ValueKind;
}

export interface CommandSpec {
  name: string;
  aliases: string[];
  description: string;
  options: OptionSpec[];
  /** What the command's arguments are completed from. */
  argument: ValueKind;
}

export interface ProgramSpec {
  name: string;
  global: OptionSpec[];
  commands: CommandSpec[];
}

const oneLine = (text: string) => inertLine(text).replace(/\s+/g, " ").trim();

function valueKind(command: string, long: string | undefined, takesValue: boolean): ValueKind {
  if (!takesValue) return "none";
  if (long === "--topic") return "topics";
  if (long === "--tag") return "tags";
  if (long === "--dir") return "dirs";
  if (long === "--rename") return command === "topics" ? "topics" : command === "tags" ? "tags" : "free";
  return "free";
}

function argumentKind(command: Command): ValueKind {
  const arg = command.registeredArguments[0];
  if (!arg) return "none";
  const name = arg.name();
  if (name === "entry") return "entries";
  if (name === "shell") return "shells";
  if (name === "command") return "commands";
  if (name === "dir") return "dirs";
  return "free";
}

/** Reads the declared commands and options off commander. */
export function describeProgram(program: Command): ProgramSpec {
  const help = program.createHelp();
  const options = (command: Command, name: string): OptionSpec[] =>
    help
      .visibleOptions(command)
      .map((o) => ({ short: o.short, long: o.long, description: oneLine(o.description), value: valueKind(name, o.long, o.required || o.optional) }));
  return {
    name: program.name(),
    global: options(program, ""),
    commands: help.visibleCommands(program).map((c) => ({
      name: c.name(),
      aliases: c.aliases(),
      description: oneLine(c.description()),
      options: options(c, c.name()),
      argument: c.name() === "help" ? "commands" : argumentKind(c),
    })),
  };
}

// --- bash -----------------------------------------------------------------

const words = (list: string[]) => list.join(" ");
const flagsOf = (o: OptionSpec) => [o.short, o.long].filter((f): f is string => Boolean(f));

/** Groups value-taking options by what completes them: `-p|--topic` -> topics. */
function valueGroups(options: OptionSpec[]): [ValueKind, string[]][] {
  const groups = new Map<ValueKind, string[]>();
  for (const o of options) {
    if (o.value === "none") continue;
    groups.set(o.value, [...(groups.get(o.value) ?? []), ...flagsOf(o)]);
  }
  return [...groups.entries()];
}

/** Options shown after a command: its own and the global ones that still apply there. */
const inherited = (spec: ProgramSpec) => spec.global.filter((o) => o.long !== "--version" && o.long !== "--help");

/**
 * A shell `case` on the word before the cursor: the global options' values,
 * then each command's own (so `-n` can be `--dry-run` in one and `--limit` in another).
 */
function valueCases(spec: ProgramSpec, action: (kind: ValueKind) => string, indent: string, cmdVar: string): string {
  const line = (pad: string, [kind, flags]: [ValueKind, string[]]) => `${pad}${flags.join("|")}) ${action(kind)}; return ;;`;
  const out = [`${indent}case "$prev" in`, ...valueGroups(spec.global).map((g) => line(`${indent}  `, g)), `${indent}esac`];
  const perCommand = spec.commands
    .map((c) => [c, valueGroups(c.options.filter((o) => !spec.global.some((g) => g.long === o.long)))] as const)
    .filter(([, groups]) => groups.length > 0);
  if (perCommand.length) {
    out.push(`${indent}case "${cmdVar}" in`);
    for (const [c, groups] of perCommand) {
      out.push(`${indent}  ${[c.name, ...c.aliases].join("|")})`, `${indent}    case "$prev" in`);
      out.push(...groups.map((g) => line(`${indent}      `, g)), `${indent}    esac ;;`);
    }
    out.push(`${indent}esac`);
  }
  return out.join("\n");
}

const bashAction = (kind: ValueKind): string =>
  kind === "topics" || kind === "tags" || kind === "entries"
    ? `_nexus_values ${kind}`
    : kind === "dirs"
      ? 'COMPREPLY=($(compgen -d -- "$cur"))'
      : ":";

function bashScript(spec: ProgramSpec): string {
  const n = spec.name;
  const commandNames = spec.commands.flatMap((c) => [c.name, ...c.aliases]);
  const globals = spec.global.flatMap(flagsOf);
  const perCommand = spec.commands
    .map((c) => `      ${[c.name, ...c.aliases].join("|")}) opts="${words(c.options.flatMap(flagsOf))}" ;;`)
    .join("\n");
  const argCases = (["entries", "shells", "commands", "dirs"] as const)
    .map((kind) => {
      const names = spec.commands.filter((c) => c.argument === kind).flatMap((c) => [c.name, ...c.aliases]);
      if (!names.length) return "";
      const action = {
        entries: "_nexus_values entries",
        shells: `COMPREPLY=($(compgen -W "${SHELLS.join(" ")}" -- "$cur"))`,
        commands: `COMPREPLY=($(compgen -W "${words(commandNames)}" -- "$cur"))`,
        dirs: 'COMPREPLY=($(compgen -d -- "$cur"))',
      }[kind];
      return `      ${names.join("|")}) ${action} ;;`;
    })
    .filter(Boolean)
    .join("\n");
  return `# ${n} completion for bash. Load it from ~/.bashrc with:
#   eval "$(${n} completion bash)"
# or save it as a file in ~/.local/share/bash-completion/completions/${n}

# Topics and tags come from entries, which may come from strangers: they are
# matched here as plain text, never passed to compgen -W (which expands $(...)).
_nexus_values() {
  local item
  COMPREPLY=()
  while IFS= read -r item; do
    [[ $item == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$item")")
  done < <(command ${n} "\${_nexus_dir[@]}" __complete "$1" 2>/dev/null)
}

_nexus() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local cmd="" opts="" i w
  _nexus_dir=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$w" in
      -C|--dir) _nexus_dir=(--dir "\${COMP_WORDS[i+1]}"); ((i++)) ;;
      -*) ;;
      *) if [[ -z "$cmd" ]]; then cmd="$w"; fi ;;
    esac
  done
${valueCases(spec, bashAction, "  ", "$cmd")}
  if [[ -z "$cmd" ]]; then
    if [[ "$cur" == -* ]]; then
      COMPREPLY=($(compgen -W "${words(globals)}" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "${words(commandNames)}" -- "$cur"))
    fi
    return
  fi
  if [[ "$cur" == -* ]]; then
    case "$cmd" in
${perCommand}
    esac
    COMPREPLY=($(compgen -W "$opts ${words(inherited(spec).flatMap(flagsOf))}" -- "$cur"))
    return
  fi
  case "$cmd" in
${argCases}
  esac
}

complete -o bashdefault -o default -F _nexus ${n}
`;
}

// --- zsh ------------------------------------------------------------------

const zshQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const zshItem = (name: string, description: string) => zshQuote(`${name.replace(/:/g, "\\:")}:${description}`);

function zshScript(spec: ProgramSpec): string {
  const n = spec.name;
  const optionItems = (options: OptionSpec[]) => options.flatMap((o) => flagsOf(o).map((f) => zshItem(f, o.description))).join(" ");
  const valueAction: Partial<Record<ValueKind, string>> = {
    topics: "_nexus_values topics",
    tags: "_nexus_values tags",
    entries: "_nexus_values entries",
    dirs: "_directories",
    shells: `compadd -- ${SHELLS.join(" ")}`,
    commands: "_describe command cmds",
    free: ":",
  };
  const perCommand = spec.commands.map((c) => `    ${[c.name, ...c.aliases].join("|")}) opts=(${optionItems(c.options)}) ;;`).join("\n");
  const argCases = spec.commands
    .filter((c) => c.argument !== "none" && c.argument !== "free")
    .map((c) => `    ${[c.name, ...c.aliases].join("|")}) ${valueAction[c.argument]} ;;`)
    .join("\n");
  return `#compdef ${n}
# ${n} completion for zsh. Load it from ~/.zshrc (after compinit) with:
#   eval "$(${n} completion zsh)"
# or save it as _${n} in a folder of your $fpath.

_nexus_values() {
  local -a items
  items=(\${(f)"$(command ${n} $_nexus_dir __complete $1 2>/dev/null)"})
  compadd -a items
}

_nexus() {
  local cmd="" i w
  local -a opts cmds globals inherited
  _nexus_dir=()
  cmds=(${spec.commands.flatMap((c) => [c.name, ...c.aliases].map((name) => zshItem(name, c.description))).join(" ")})
  globals=(${optionItems(spec.global)})
  inherited=(${optionItems(inherited(spec))})
  for ((i = 2; i < CURRENT; i++)); do
    w=\${words[i]}
    case $w in
      -C|--dir) _nexus_dir=(--dir \${words[i+1]}); ((i++)) ;;
      -*) ;;
      *) if [[ -z $cmd ]]; then cmd=$w; fi ;;
    esac
  done
  local prev=\${words[CURRENT-1]}
${valueCases(spec, (kind) => valueAction[kind] ?? ":", "  ", "$cmd")}
  if [[ -z $cmd ]]; then
    if [[ $PREFIX == -* ]]; then _describe option globals; else _describe command cmds; fi
    return
  fi
  case $cmd in
${perCommand}
  esac
  if [[ $PREFIX == -* ]]; then
    _describe option opts -- inherited
    return
  fi
  case $cmd in
${argCases}
    *) _files ;;
  esac
}

if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _nexus "$@"
else
  compdef _nexus ${n}
fi
`;
}

// --- fish -----------------------------------------------------------------

const fishQuote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function fishOption(o: OptionSpec, condition: string | undefined, n: string): string {
  const parts = [`complete -c ${n}`];
  if (condition) parts.push(`-n ${fishQuote(condition)}`);
  if (o.short) parts.push(`-s ${o.short.replace(/^-/, "")}`);
  if (o.long) parts.push(`-l ${o.long.replace(/^--/, "")}`);
  if (o.value === "topics" || o.value === "tags") parts.push(`-x -a ${fishQuote(`(command ${n} __complete ${o.value} 2>/dev/null)`)}`);
  else if (o.value === "dirs") parts.push(`-x -a ${fishQuote("(__fish_complete_directories)")}`);
  else if (o.value === "free") parts.push("-x");
  parts.push(`-d ${fishQuote(o.description)}`);
  return parts.join(" ");
}

function fishScript(spec: ProgramSpec): string {
  const n = spec.name;
  const lines = [
    `# ${n} completion for fish. Load it with:`,
    `#   ${n} completion fish | source`,
    `# or save it as ~/.config/fish/completions/${n}.fish`,
    `complete -c ${n} -f`,
  ];
  const all = spec.commands.flatMap((c) => [c.name, ...c.aliases]).join(" ");
  for (const c of spec.commands) {
    for (const name of [c.name, ...c.aliases]) {
      lines.push(`complete -c ${n} -n ${fishQuote(`not __fish_seen_subcommand_from ${all}`)} -a ${fishQuote(name)} -d ${fishQuote(c.description)}`);
    }
  }
  for (const o of spec.global) lines.push(fishOption(o, undefined, n));
  for (const c of spec.commands) {
    const when = `__fish_seen_subcommand_from ${[c.name, ...c.aliases].join(" ")}`;
    for (const o of c.options) {
      if (spec.global.some((g) => g.long === o.long)) continue;
      lines.push(fishOption(o, when, n));
    }
    const values: Partial<Record<ValueKind, string>> = {
      entries: `(command ${n} __complete entries 2>/dev/null)`,
      shells: SHELLS.join(" "),
      commands: all,
      dirs: "(__fish_complete_directories)",
    };
    const value = values[c.argument];
    if (value) lines.push(`complete -c ${n} -n ${fishQuote(when)} -a ${fishQuote(value)}`);
  }
  return `${lines.join("\n")}\n`;
}

export function completionScript(shell: Shell, spec: ProgramSpec): string {
  return shell === "bash" ? bashScript(spec) : shell === "zsh" ? zshScript(spec) : fishScript(spec);
}

export async function completion(ctx: Context, options: { shell: string; spec: ProgramSpec }): Promise<number> {
  const shell = options.shell.trim().toLowerCase();
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(`no completion for "${inertLine(options.shell)}": choose bash, zsh or fish`);
  }
  ctx.io.out(completionScript(shell as Shell, options.spec));
  return 0;
}

/**
 * `nexus __complete topics|tags|entries`: one value per line for the shell,
 * most used first. Quiet by design: outside a journal, or on any problem, it
 * prints nothing and exits 0 so that completion never shows an error.
 */
export async function complete(ctx: Context, options: { what: string }): Promise<number> {
  try {
    const contents = readJournal(locate(ctx));
    let values: string[] = [];
    if (options.what === "topics") values = countLabels(contents.entries.map((e) => e.topic)).map((l) => l.name);
    else if (options.what === "tags") values = countLabels(contents.entries.flatMap((e) => e.tags)).map((l) => l.name);
    else if (options.what === "entries") {
      // The slug (the name without its date) when it names one entry, else the whole file name.
      const stems = contents.entries.map((e) => e.path.split("/").pop()!.replace(/\.(md|markdown)$/i, ""));
      const slugs = stems.map((stem) => stem.replace(/^\d{4}-\d{2}-\d{2}-/, ""));
      const taken = new Map<string, number>();
      for (const slug of slugs) taken.set(slug, (taken.get(slug) ?? 0) + 1);
      values = stems.map((stem, i) => (slugs[i] && taken.get(slugs[i]!) === 1 ? slugs[i]! : stem));
    }
    const safe = values.map(oneLine).filter((v) => v && !v.startsWith("-"));
    if (safe.length) ctx.io.out(`${[...new Set(safe)].join("\n")}\n`);
  } catch {
    // Nothing to offer.
  }
  return 0;
}
