// What the three shells' scripts share: the flags of an option, and the shell `case`
// that completes an option's value.
import type { CommandSpec, OptionSpec, ProgramSpec, ValueKind } from "./spec.js";

export const flagsOf = (o: OptionSpec) => [o.short, o.long].filter((f): f is string => Boolean(f));

/** Groups value-taking options by what completes them: `-p|--topic` -> topics. */
export function valueGroups(options: OptionSpec[]): [ValueKind, string[]][] {
  const groups = new Map<ValueKind, string[]>();
  for (const o of options) {
    if (o.value === "none") continue;
    groups.set(o.value, [...(groups.get(o.value) ?? []), ...flagsOf(o)]);
  }
  return [...groups.entries()];
}

/** Options shown after a command: its own and the global ones that still apply there. */
export const inherited = (spec: ProgramSpec) => spec.global.filter((o) => o.long !== "--version" && o.long !== "--help");

/**
 * A shell `case` on the word before the cursor: the global options' values,
 * then each command's own (a command without an option refuses its short flag).
 */
export function valueCases(spec: ProgramSpec, action: (kind: ValueKind) => string, indent: string, cmdVar: string): string {
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

/**
 * A shell `case` that completes a command's own commands right after it (`config <TAB>`)
 * and, after one of them, the words of its argument (`config get <TAB>`); undefined
 * for a command without commands. `offer(words)` is the shell's way to offer words.
 */
export function subcommandCase(c: CommandSpec, offer: (words: string[]) => string, prevVar: string): string | undefined {
  if (!c.subcommands.length) return undefined;
  const withValues = c.subcommands.filter((s) => s.values.length);
  const values = withValues.length ? ` ${withValues.map((s) => s.name).join("|")}) ${offer(withValues[0]!.values)} ;;` : "";
  return `case "${prevVar}" in ${c.name}) ${offer(c.subcommands.map((s) => s.name))} ;;${values} esac`;
}
