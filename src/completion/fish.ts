// The fish completion script.
import { SHELLS, type OptionSpec, type ProgramSpec, type ValueKind } from "./spec.js";

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

export function fishScript(spec: ProgramSpec): string {
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
    // Its own commands right after it; after one of them, the words of its argument.
    const subs = c.subcommands.map((s) => s.name).join(" ");
    if (subs) lines.push(`complete -c ${n} -n ${fishQuote(`${when}; and not __fish_seen_subcommand_from ${subs}`)} -a ${fishQuote(subs)}`);
    for (const sub of c.subcommands.filter((s) => s.values.length)) {
      lines.push(`complete -c ${n} -n ${fishQuote(`${when}; and __fish_seen_subcommand_from ${sub.name}`)} -a ${fishQuote(sub.values.join(" "))}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
