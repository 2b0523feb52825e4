// Topics and tags as labels: counting them, and spotting spellings of one idea
// (`Docker` and `docker`, `ci-cd` and `CI/CD`, `test` and `tests`).

export interface LabelCount {
  name: string;
  count: number;
}

/** Counts each spelling; most used first, ties by name (case-insensitive, then exact). */
export function countLabels(values: string[]): LabelCount[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].map(([name, count]) => ({ name, count })).sort(byCountThenName);
}

export function byCountThenName(a: LabelCount, b: LabelCount): number {
  if (a.count !== b.count) return b.count - a.count;
  const la = a.name.toLowerCase();
  const lb = b.name.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The same key for spellings of one label: case, accents, punctuation and a plural `s` ignored. */
export function labelKey(name: string): string {
  const key = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\+\+/g, "pp")
    .replace(/#/g, "sharp")
    .replace(/[^\p{L}\p{N}]+/gu, "");
  if (key.length > 3 && key.endsWith("ies")) return `${key.slice(0, -3)}y`;
  if (key.length > 3 && key.endsWith("s") && !key.endsWith("ss")) return key.slice(0, -1);
  return key || name.toLowerCase();
}

/** Groups of two or more spellings that share a key, each most used first. */
export function nearDuplicates(counts: LabelCount[]): LabelCount[][] {
  const groups = new Map<string, LabelCount[]>();
  for (const c of counts) {
    const key = labelKey(c.name);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => [...g].sort(byCountThenName));
}

/** True when a label is the one named, ignoring case and a leading `#`. */
export function sameLabel(a: string, b: string): boolean {
  const fold = (s: string) => s.trim().replace(/^#/, "").toLowerCase();
  return fold(a) === fold(b);
}
