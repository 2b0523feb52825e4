// The bash completion script.
import { SHELLS, type ProgramSpec, type ValueKind } from "./spec.js";
import { flagsOf, inherited, subcommandCase, valueCases } from "./cases.js";

const words = (list: string[]) => list.join(" ");
const bashAction = (kind: ValueKind): string =>
  kind === "topics" || kind === "tags" || kind === "entries"
    ? `_nexus_values ${kind}`
    : kind === "dirs"
      ? 'COMPREPLY=($(compgen -d -- "$cur"))'
      : ":";

export function bashScript(spec: ProgramSpec): string {
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
    .concat(spec.commands.flatMap((c) => {
      const sub = subcommandCase(c, (list) => `COMPREPLY=($(compgen -W "${words(list)}" -- "$cur"))`, "$prev");
      return sub ? [`      ${c.name}) ${sub} ;;`] : [];
    }))
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
