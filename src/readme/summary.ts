// What the generated pages show of an entry's body: its sections in short (the
// first paragraph, at most SHORT characters, as one inline line), made once per
// entry while its body is read, so that the bodies themselves need not be kept.

import type { LoadedEntry } from "../journal/read.js";
import { firstParagraph, inlineMarkdown } from "./escape.js";
import type { Sink } from "./pages/bytes.js";

const SHORT = 240;

/** The first paragraph of a section, at most SHORT characters, as one inline line. */
export function shortText(markdown: string): string {
  // The first paragraph starts within the first lines; a long section is not split whole.
  let text = firstParagraph(markdown.length > 4 * 1024 ? markdown.slice(0, 4 * 1024) : markdown);
  if (text.length > SHORT) {
    const cut = text.slice(0, SHORT);
    text = cut.slice(0, Math.max(cut.lastIndexOf(" "), SHORT / 2)).replace(/[\ud800-\udbff]$/, "");
    // A code span cut in half would run into the text after it.
    if ((text.match(/`/g)?.length ?? 0) % 2) text = text.slice(0, text.lastIndexOf("`"));
    text = `${text.trimEnd()} …`;
  }
  return inlineMarkdown(text);
}

export type Field = "challenge" | "solution" | "takeaway";
export type SectionFields = Pick<LoadedEntry, Field>;

/**
 * Gives each entry's sections to `each`, in order. The command passes a reader of
 * the entry files (journal/bodies.ts) that keeps no body in memory; by default the
 * entries' own fields.
 */
export type BodyReader = (entries: readonly LoadedEntry[], each: (entry: LoadedEntry, fields: SectionFields) => void) => void;

export const ownFields: BodyReader = (entries, each) => {
  for (const entry of entries) each(entry, entry);
};

const FIELDS: readonly Field[] = ["challenge", "solution", "takeaway"];
const FIRST_CHUNK = 64 * 1024;
const MAX_CHUNK = 1024 * 1024;

/** An entry's sections in short as UTF-8 bytes: `bytes[start, ends[0])` is the challenge, then the solution up to ends[1], the takeaway up to ends[2]. */
export interface SummaryBytes {
  /** Which sections the entry has (a bit per field: challenge 1, solution 2, takeaway 4). */
  bits: number;
  bytes: Buffer;
  start: number;
  ends: [number, number, number];
}

/**
 * Every entry's sections in short ("" for a blank one) and which sections it has,
 * kept as UTF-8 bytes in a few large buffers, not as three strings an entry: at
 * 100,000 entries that is tens of megabytes less for the garbage collector to go
 * through. The bytes are made here from the sections (`add`) or taken as they are
 * from a buffer read elsewhere (`addBytes`: the summary cache, summary-cache.ts).
 */
export class Summaries {
  private readonly chunks: Buffer[] = [];
  /** The chunk `add` fills (-1: none yet) and how much of it is used. */
  private own = -1;
  private used = 0;
  /** Entry -> its slot; per slot: its chunk, its bits and 4 offsets (start, then the end of each section). */
  private readonly slots = new Map<LoadedEntry, number>();
  private readonly chunkOf: number[] = [];
  private readonly bitsOf: number[] = [];
  private readonly offsets: number[] = [];

  add(entry: LoadedEntry, fields: SectionFields): void {
    let bits = 0;
    const texts = FIELDS.map((field, i) => {
      if (fields[field].trim() === "") return "";
      bits |= 1 << i;
      return shortText(fields[field]);
    });
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    const room = 3 * (texts[0]!.length + texts[1]!.length + texts[2]!.length);
    let chunk = this.chunks[this.own];
    if (!chunk || this.used + room > chunk.length) {
      // A new chunk (the last one keeps its unused end): larger as the set grows, no copying.
      chunk = Buffer.allocUnsafe(Math.max(room, Math.min(MAX_CHUNK, chunk ? 2 * chunk.length : FIRST_CHUNK)));
      this.own = this.chunks.push(chunk) - 1;
      this.used = 0;
    }
    const start = this.used;
    const ends = texts.map((text) => (this.used += chunk.write(text, this.used, "utf8")));
    this.slot(entry, this.own, bits, start, ends[0]!, ends[1]!, ends[2]!);
  }

  /**
   * Adds an entry's sections in short as bytes already made (not copied: `bytes` must
   * not change): `bytes[start, end0)` is the challenge, then the solution up to end1, the takeaway up to end2.
   */
  addBytes(entry: LoadedEntry, bytes: Buffer, bits: number, start: number, end0: number, end1: number, end2: number): void {
    const last = this.chunks.length - 1;
    const chunk = last >= 0 && this.chunks[last] === bytes ? last : this.chunks.push(bytes) - 1;
    this.slot(entry, chunk, bits, start, end0, end1, end2);
  }

  private slot(entry: LoadedEntry, chunk: number, bits: number, start: number, end0: number, end1: number, end2: number): void {
    this.slots.set(entry, this.chunkOf.length);
    this.chunkOf.push(chunk);
    this.bitsOf.push(bits);
    this.offsets.push(start, end0, end1, end2);
  }

  /** Whether the entry has the section at all (not blank). */
  has(entry: LoadedEntry, field: Field): boolean {
    const slot = this.slots.get(entry);
    return slot !== undefined && (this.bitsOf[slot]! & (1 << FIELDS.indexOf(field))) !== 0;
  }

  /** The section in short, "" when it is blank. */
  short(entry: LoadedEntry, field: Field): string {
    const slot = this.slots.get(entry);
    if (slot === undefined) return "";
    const i = FIELDS.indexOf(field);
    return this.chunks[this.chunkOf[slot]!]!.toString("utf8", this.offsets[4 * slot + i]!, this.offsets[4 * slot + i + 1]!);
  }

  /** The length of short(entry, field) in UTF-16 code units, without making the string: a character of UTF-8 is one, two for one of four bytes. */
  shortLength(entry: LoadedEntry, field: Field): number {
    const slot = this.slots.get(entry);
    if (slot === undefined) return 0;
    const i = 4 * slot + FIELDS.indexOf(field);
    const bytes = this.chunks[this.chunkOf[slot]!]!;
    let length = 0;
    for (let at = this.offsets[i]!, end = this.offsets[i + 1]!; at < end; at += 1) {
      const byte = bytes[at]!;
      if ((byte & 0xc0) !== 0x80) length += byte >= 0xf0 ? 2 : 1;
    }
    return length;
  }

  /** The entry's slot for shortInto; -1 for an entry not added. */
  slotOf(entry: LoadedEntry): number {
    return this.slots.get(entry) ?? -1;
  }

  /** Whether section `field` (0 challenge, 1 solution, 2 takeaway) in short of the entry at `slot` is not "". */
  hasShort(slot: number, field: 0 | 1 | 2): boolean {
    return slot >= 0 && this.offsets[4 * slot + field + 1]! > this.offsets[4 * slot + field]!;
  }

  /** Copies section `field` (0 challenge, 1 solution, 2 takeaway) in short of the entry at `slot` to `out`; false when it is "" (nothing copied). */
  shortInto(slot: number, field: 0 | 1 | 2, out: Sink): boolean {
    if (slot < 0) return false;
    const start = this.offsets[4 * slot + field]!;
    const end = this.offsets[4 * slot + field + 1]!;
    if (end <= start) return false;
    out.putBytes(this.chunks[this.chunkOf[slot]!]!, start, end);
    return true;
  }

  /** The entry's sections in short as bytes (for the summary cache); undefined for an entry not added. */
  bytes(entry: LoadedEntry): SummaryBytes | undefined {
    const slot = this.slots.get(entry);
    if (slot === undefined) return undefined;
    const at = 4 * slot;
    return { bits: this.bitsOf[slot]!, bytes: this.chunks[this.chunkOf[slot]!]!, start: this.offsets[at]!, ends: [this.offsets[at + 1]!, this.offsets[at + 2]!, this.offsets[at + 3]!] };
  }
}

/** How the command gets the entries' sections in short (the summary cache, or reading every body). */
export type Summarize = (entries: readonly LoadedEntry[]) => Summaries;

/** Summaries made by reading each entry's sections with `read`. */
export const summarizeWith =
  (read: BodyReader): Summarize =>
  (entries) => {
    const summaries = new Summaries();
    read(entries, (entry, fields) => summaries.add(entry, fields));
    return summaries;
  };
