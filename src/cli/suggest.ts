// "Did you mean" for a mistyped command: only names a small distance away, the commands
// a word starts (`build` → build-readme, build-site), and the words people bring from
// other tools (`view` → show, `grep` → search). Never a guess that only shares letters:
// `view` is two edits from `review`, which is something else.
import { boundedDistance } from "../search/distance.js";

/** Words from other tools that name one of nexus's commands. */
const FAMILIAR: Record<string, string[]> = {
  view: ["show"],
  cat: ["show"],
  read: ["show"],
  grep: ["search"],
  lint: ["doctor"],
  check: ["doctor"],
  readme: ["build-readme"],
  site: ["build-site"],
  publish: ["build-readme", "build-site"],
  undo: ["restore"],
  undelete: ["restore"],
  trash: ["restore"],
  write: ["add"],
  log: ["add", "list"],
  settings: ["config"],
};

/** How many edits a typed word may be from a name: one for short words, two from five letters. */
const allowed = (word: string) => (word.length <= 4 ? 1 : 2);

/**
 * The commands to suggest for a word that is not one, best first: the familiar word's
 * commands, else those it starts (at least three letters), else those within the allowed
 * distance (the closest only). `names` are the visible commands' names and aliases.
 */
export function suggestCommands(typed: string, names: string[]): string[] {
  const word = typed.toLowerCase();
  const known = new Set(names);
  const familiar = (FAMILIAR[word] ?? []).filter((n) => known.has(n));
  if (familiar.length) return familiar;
  if (word.length >= 3) {
    const started = names.filter((n) => n.startsWith(word));
    if (started.length) return started;
  }
  let best = allowed(word) + 1;
  let close: string[] = [];
  for (const name of names) {
    if (name.length < 2) continue;
    const d = boundedDistance(word, name, allowed(word));
    if (d > allowed(word)) continue;
    if (d < best) [best, close] = [d, [name]];
    else if (d === best) close.push(name);
  }
  return close;
}

/** The line commander prints under the error. */
export function suggestionLine(names: string[]): string {
  if (names.length === 0) return "";
  return names.length === 1 ? `\n(Did you mean ${names[0]}?)` : `\n(Did you mean one of ${names.join(", ")}?)`;
}
