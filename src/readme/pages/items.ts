// What the generated pages show of each entry, put piece by piece into a page (a
// Sink: bytes.ts) and measured before it is (the UTF-8 length of each piece, added
// up): its link, date, tags and topic, and its sections in short, copied as bytes.

import type { LoadedEntry } from "../../journal/read.js";
import { escapeInline } from "../escape.js";
import { entryTitle, hrefLength, hrefTo, hrefWay, linkTarget, tagList, type LinkTarget } from "../links.js";
import type { Summaries } from "../summary.js";
import type { Sink } from "./bytes.js";

export const utf8Length = (text: string) => Buffer.byteLength(text, "utf8");

/** What the pages show of an entry, with the UTF-8 length of each piece. */
interface EntryFacts {
  /** `[title](`: the link text and the start of the link. */
  label: string;
  labelBytes: number;
  target: LinkTarget;
  /** Its date and whether it is featured, read once (an entry of the journal's cache is a proxy: each read of a field costs). */
  date: string;
  dateBytes: number;
  featured: boolean;
  topic: string;
  topicBytes: number;
  /** Its sections in short: the slot in the Summaries (shortInto). */
  slot: number;
  /** Its tags as a topic page shows them; made for that page only. */
  tags?: string;
  tagsBytes?: number;
}

/**
 * What the pages show of every entry, worked out once for the three pages that list
 * it (its title as link text, its file as a link target, its topic escaped), with the
 * length of each piece: an item's size is added up from them before its page is made.
 */
export class EntryLinks {
  private readonly facts = new Map<LoadedEntry, EntryFacts>();
  private readonly topics = new Map<string, string>();

  constructor(readonly summaries: Summaries) {}

  of(entry: LoadedEntry): EntryFacts {
    let facts = this.facts.get(entry);
    if (!facts) {
      const label = `[${entryTitle(entry)}](`;
      const topic = this.topic(entry.topic);
      const date = entry.date;
      facts = { label, labelBytes: utf8Length(label), target: linkTarget(entry.path), date, dateBytes: utf8Length(date), featured: entry.featured, topic, topicBytes: utf8Length(topic), slot: this.summaries.slotOf(entry) };
      this.facts.set(entry, facts);
    }
    return facts;
  }

  private topic(name: string): string {
    let escaped = this.topics.get(name);
    if (escaped === undefined) {
      escaped = escapeInline(name);
      this.topics.set(name, escaped);
    }
    return escaped;
  }

  /** `[title](href)` from the file `from`, as entryLinkFrom makes it, put piece by piece. */
  putLink(out: Sink, from: string, facts: EntryFacts): void {
    out.putText(facts.label);
    const way = hrefWay(from, facts.target);
    if (way === undefined) out.putText(hrefTo(from, facts.target));
    else {
      out.putText(way);
      out.putText(facts.target.name);
    }
    out.putText(")");
  }

  /** The UTF-8 length of `link(from, facts)` (a link target is ASCII). */
  linkBytes(from: string, facts: EntryFacts): number {
    return facts.labelBytes + hrefLength(from, facts.target) + 1;
  }

  tags(entry: LoadedEntry, facts: EntryFacts): string {
    if (facts.tags === undefined) {
      facts.tags = tagList(entry);
      facts.tagsBytes = utf8Length(facts.tags);
    }
    return facts.tags;
  }
}

// The fixed pieces of the items, and their lengths in UTF-8.
const DOT = " · ";
const TOPIC_FEATURED = " · ★ featured";
const CHALLENGE_FEATURED = " · ★";
const DASH = " — ";
const [DOT_BYTES, TOPIC_FEATURED_BYTES, CHALLENGE_FEATURED_BYTES, DASH_BYTES] = [DOT, TOPIC_FEATURED, CHALLENGE_FEATURED, DASH].map(utf8Length) as [number, number, number, number];

// The labels of the sections in short on a topic page: the first after the entry's date line, the others after a section.
const TOPIC_FIRST = ["\n\n- **Challenge:** ", "\n\n- **Solution:** ", "\n\n- **Takeaway:** "];
const TOPIC_NEXT = ["\n- **Challenge:** ", "\n- **Solution:** ", "\n- **Takeaway:** "];

/**
 * An entry on its topic's page: a heading link, date and tags (topicPut), and its
 * sections in short (topicShorts: a list item each, for the ones not blank), their
 * bytes copied as they are. Each piece is put as it is: no string is made of them.
 */
export function topicPut(out: Sink, from: string, entry: LoadedEntry, links: EntryLinks): void {
  const facts = links.of(entry);
  const tags = links.tags(entry, facts);
  out.putText("### ");
  links.putLink(out, from, facts);
  out.putText("\n\n");
  out.putText(facts.date);
  if (tags) {
    out.putText(DOT);
    out.putText(tags);
  }
  if (facts.featured) out.putText(TOPIC_FEATURED);
}

export function topicTextBytes(from: string, entry: LoadedEntry, links: EntryLinks): number {
  const facts = links.of(entry);
  const tags = links.tags(entry, facts);
  return 4 + links.linkBytes(from, facts) + 2 + facts.dateBytes + (tags ? DOT_BYTES + facts.tagsBytes! : 0) + (facts.featured ? TOPIC_FEATURED_BYTES : 0);
}

export function topicShorts(out: Sink, entry: LoadedEntry, links: EntryLinks): void {
  const summaries = links.summaries;
  const slot = links.of(entry).slot;
  let first = true;
  for (let field = 0 as 0 | 1 | 2; field < 3; field += 1) {
    if (!summaries.hasShort(slot, field)) continue;
    out.putText(first ? TOPIC_FIRST[field]! : TOPIC_NEXT[field]!);
    summaries.shortInto(slot, field, out);
    first = false;
  }
}

/** A challenge's problem in short, after its line on the challenges page. */
export function challengeShort(out: Sink, entry: LoadedEntry, links: EntryLinks): void {
  links.summaries.shortInto(links.of(entry).slot, 0, out);
}

/** An entry on the timeline: its date, link and topic. */
export function timelinePut(out: Sink, from: string, entry: LoadedEntry, links: EntryLinks): void {
  const facts = links.of(entry);
  out.putText("- ");
  out.putText(facts.date);
  out.putText(DOT);
  links.putLink(out, from, facts);
  out.putText(DOT);
  out.putText(facts.topic);
}

export function timelineTextBytes(from: string, entry: LoadedEntry, links: EntryLinks): number {
  const facts = links.of(entry);
  return 2 + facts.dateBytes + DOT_BYTES + links.linkBytes(from, facts) + DOT_BYTES + facts.topicBytes;
}

/** A challenge on the challenges page: its timeline line, a star when featured, and its problem in short (the topic page has the rest). */
export function challengePut(out: Sink, from: string, entry: LoadedEntry, links: EntryLinks): void {
  timelinePut(out, from, entry, links);
  if (links.of(entry).featured) out.putText(CHALLENGE_FEATURED);
  out.putText(DASH);
}

export function challengeTextBytes(from: string, entry: LoadedEntry, links: EntryLinks): number {
  return timelineTextBytes(from, entry, links) + (links.of(entry).featured ? CHALLENGE_FEATURED_BYTES : 0) + DASH_BYTES;
}
