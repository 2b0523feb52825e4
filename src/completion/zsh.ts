// The zsh completion script.
import { SHELLS, type OptionSpec, type ProgramSpec, type ValueKind } from "./spec.js";
import { flagsOf, inherited, subcommandCase, valueCases } from "./cases.js";

const zshQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const zshItem = (name: string, description: string) => zshQuote(`${name.replace(/:/g, "\\:")}:${description}`);

export function zshScript(spec: ProgramSpec): string {
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
    .concat(spec.commands.flatMap((c) => {
      const sub = subcommandCase(c, (list) => `compadd -- ${list.join(" ")}`, "$prev");
      return sub ? [`    ${c.name}) ${sub} ;;`] : [];
    }))
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
