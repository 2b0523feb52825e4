// Splits a long list into pages GitHub still renders: whole years packed together
// while they fit, a year too large for one page in numbered parts. Pure.

/** What a page may hold, in UTF-8 bytes (GitHub renders files up to 512,000 bytes). */
export const PAGE_LIMIT = 200_000;

export interface PageItem {
  /** Year (or any group); items arrive grouped, newest group first. */
  group: string;
  /** Markdown of the item, ending without a newline. */
  text: string;
}

export interface PagePart<T extends { group: string } = PageItem> {
  /** File name suffix after `--`, such as `2026`, `2024-2025`, `2026--2`; "" for an unsplit page. */
  suffix: string;
  /** Shown in links: `2026`, `2024–2025`, `2026, part 2`. */
  label: string;
  items: T[];
}

/** An item's share of a page: its UTF-8 bytes and the blank line after it. */
const textSize = (item: PageItem) => Buffer.byteLength(item.text, "utf8") + 2;

export function paginate(items: PageItem[], limit?: number): PagePart[];
/** Items whose size is known otherwise: `sizeOf` gives an item's bytes with the blank line after it. */
export function paginate<T extends { group: string }>(items: T[], limit: number, sizeOf: (item: T) => number): PagePart<T>[];
export function paginate<T extends { group: string }>(items: T[], limit = PAGE_LIMIT, sizeOf: (item: T) => number = textSize as unknown as (item: T) => number): PagePart<T>[] {
  const total = items.reduce((sum, item) => sum + sizeOf(item), 0);
  if (total <= limit) return [{ suffix: "", label: "", items }];
  const groups: { group: string; items: T[]; size: number }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.group === item.group) {
      last.items.push(item);
      last.size += sizeOf(item);
    } else groups.push({ group: item.group, items: [item], size: sizeOf(item) });
  }
  const parts: PagePart<T>[] = [];
  let current: typeof groups = [];
  let size = 0;
  const flush = () => {
    if (!current.length) return;
    const newest = current[0]!.group;
    const oldest = current.at(-1)!.group;
    const suffix = newest === oldest ? newest : `${oldest}-${newest}`;
    parts.push({ suffix: suffix || String(parts.length + 1), label: newest === oldest ? newest : `${oldest}–${newest}`, items: current.flatMap((g) => g.items) });
    current = [];
    size = 0;
  };
  for (const group of groups) {
    if (group.size > limit) {
      flush();
      let chunk: T[] = [];
      let chunkSize = 0;
      let n = 0;
      const push = () => {
        n += 1;
        const label = group.group ? `${group.group}, part ${n}` : `part ${n}`;
        parts.push({ suffix: group.group ? `${group.group}--${n}` : String(n), label, items: chunk });
        chunk = [];
        chunkSize = 0;
      };
      for (const item of group.items) {
        if (chunk.length && chunkSize + sizeOf(item) > limit) push();
        chunk.push(item);
        chunkSize += sizeOf(item);
      }
      if (chunk.length) push();
      continue;
    }
    if (size + group.size > limit) flush();
    current.push(group);
    size += group.size;
  }
  flush();
  return parts;
}
