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

/** A part of a split list as a run of its items: `items[start, end)`. */
export interface PageRun {
  suffix: string;
  label: string;
  start: number;
  end: number;
}

export function paginate(items: PageItem[], limit?: number): PagePart[];
/** Items whose size is known otherwise: `sizeOf` gives an item's bytes with the blank line after it. */
export function paginate<T extends { group: string }>(items: T[], limit: number, sizeOf: (item: T) => number): PagePart<T>[];
export function paginate<T extends { group: string }>(items: T[], limit = PAGE_LIMIT, sizeOf: (item: T) => number = textSize as unknown as (item: T) => number): PagePart<T>[] {
  return paginateRuns(items.length, (i) => items[i]!.group, (i) => sizeOf(items[i]!), limit).map((run) => ({ suffix: run.suffix, label: run.label, items: items.slice(run.start, run.end) }));
}

/**
 * paginate for `count` items known by their index: item i's group and its size (its
 * bytes with the blank line after it). Each part is a run of items in order.
 */
export function paginateRuns(count: number, groupOf: (i: number) => string, sizeOf: (i: number) => number, limit = PAGE_LIMIT): PageRun[] {
  let total = 0;
  for (let i = 0; i < count; i += 1) total += sizeOf(i);
  if (total <= limit) return [{ suffix: "", label: "", start: 0, end: count }];
  // Runs of one group: [start, end) and their size.
  const groups: { group: string; start: number; end: number; size: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    const group = groupOf(i);
    const last = groups.at(-1);
    if (last && last.group === group) {
      last.end = i + 1;
      last.size += sizeOf(i);
    } else groups.push({ group, start: i, end: i + 1, size: sizeOf(i) });
  }
  const parts: PageRun[] = [];
  let current: typeof groups = [];
  let size = 0;
  const flush = () => {
    if (!current.length) return;
    const newest = current[0]!.group;
    const oldest = current.at(-1)!.group;
    const suffix = newest === oldest ? newest : `${oldest}-${newest}`;
    parts.push({ suffix: suffix || String(parts.length + 1), label: newest === oldest ? newest : `${oldest}–${newest}`, start: current[0]!.start, end: current.at(-1)!.end });
    current = [];
    size = 0;
  };
  for (const group of groups) {
    if (group.size > limit) {
      flush();
      let start = group.start;
      let chunkSize = 0;
      let n = 0;
      const push = (end: number) => {
        n += 1;
        const label = group.group ? `${group.group}, part ${n}` : `part ${n}`;
        parts.push({ suffix: group.group ? `${group.group}--${n}` : String(n), label, start, end });
        start = end;
        chunkSize = 0;
      };
      for (let i = group.start; i < group.end; i += 1) {
        if (i > start && chunkSize + sizeOf(i) > limit) push(i);
        chunkSize += sizeOf(i);
      }
      if (group.end > start) push(group.end);
      continue;
    }
    if (size + group.size > limit) flush();
    current.push(group);
    size += group.size;
  }
  flush();
  return parts;
}
