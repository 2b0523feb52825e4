// What an entry page offers next: earlier entries like it (the rarer the words of its
// title, topic and tags that another entry shares, the closer), and the entries
// whose text links to it.
import { termCounts } from "../search/tokens.js";
import type { SiteEntry, SiteModel } from "./model.js";

/** A word shared by this many earlier entries says little about closeness (and would cost a pass over them all). */
const COMMON = 200;
/** The weight of a word is log(1 + RARE / entries with it): fixed, not the journal's size, which every add changes. */
const RARE = 1000;

/**
 * What one entry's closeness was worked out from and what it gave, kept between builds:
 * its title, tags and topic (`sig`), their terms, and its related entries as doc
 * numbers (places from the oldest entry, which an entry added later does not move).
 */
export interface RelatedRow {
  sig: string;
  terms: string[];
  related: number[];
}

const sigOf = (e: SiteEntry) => JSON.stringify([e.meta.title, e.meta.topic, e.meta.tags]);

/**
 * For each entry (by its place), up to `max` earlier entries like it, closest first.
 * Earlier only: an entry added later never changes an older entry's page (at 10,000
 * entries a new one was among the closest of 150 others, whose pages an `add` rewrote);
 * an older page reaches the newer ones through its topic's "newer" link and its tags.
 */
export function relatedEntries(model: SiteModel, max = 5): SiteEntry[][] {
  return relatedKept(model, [], max).related;
}

/**
 * relatedEntries, with the rows of the last build (oldest first): an entry's list
 * depends on it and the entries before it alone, so while each of them is as the row
 * says (the same title, tags and topic, in the same place), the row's list is its
 * list; from the first that is not, the lists are worked out. Returns this build's rows.
 */
export function relatedKept(model: SiteModel, kept: readonly RelatedRow[], max = 5): { related: SiteEntry[][]; rows: RelatedRow[]; reused: number } {
  const { entries } = model;
  const n = entries.length;
  // From the oldest entry to the newest: each one is scored against the entries before
  // it alone, with how rare a word is among them, so nothing added later changes it.
  let postings: Map<string, number[]> | undefined;
  const score = new Float64Array(n);
  const related: SiteEntry[][] = new Array(n);
  const rows: RelatedRow[] = new Array(n);
  let reused = 0;
  for (let doc = 0; doc < n; doc += 1) {
    const i = n - 1 - doc;
    const entry = entries[i]!;
    const sig = sigOf(entry);
    const row = reused === doc ? kept[doc] : undefined;
    if (row && row.sig === sig) {
      reused += 1;
      rows[doc] = row;
      related[i] = row.related.map((d) => entries[n - 1 - d]!);
      continue;
    }
    if (!postings) postings = postingsOf(rows, doc);
    const terms = [...termCounts([entry.meta.title, ...entry.meta.tags, entry.meta.topic]).keys()];
    const best = scored(entries, i, terms, postings, score, max);
    related[i] = best.map((j) => entries[j]!);
    rows[doc] = { sig, terms, related: best.map((j) => n - 1 - j) };
    addTerms(postings, terms, i);
  }
  return { related, rows, reused };
}

/** The postings (term -> places, oldest first) of the entries before `doc`, from their rows. */
function postingsOf(rows: readonly RelatedRow[], doc: number): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  const n = rows.length;
  for (let d = 0; d < doc; d += 1) addTerms(postings, rows[d]!.terms, n - 1 - d);
  return postings;
}

function addTerms(postings: Map<string, number[]>, terms: readonly string[], i: number): void {
  for (const t of terms) {
    const list = postings.get(t);
    if (list) list.push(i);
    else postings.set(t, [i]);
  }
}

/** The places of the entries before entry `i` closest to it, by the rare words they share. */
function scored(entries: readonly SiteEntry[], i: number, terms: readonly string[], postings: Map<string, number[]>, score: Float64Array, max: number): number[] {
  const entry = entries[i]!;
  const touched: number[] = [];
  for (const t of terms) {
    const list = postings.get(t);
    if (!list) continue;
    if (list.length >= COMMON) continue;
    const idf = Math.log(1 + RARE / (list.length + 1));
    for (const j of list) {
      if (score[j] === 0) touched.push(j);
      score[j]! += idf;
    }
  }
  const best = closest(touched, (j) => score[j]! + (entries[j]!.topic === entry.topic ? 0.5 : 0), max);
  for (const j of touched) score[j] = 0;
  return best;
}

/** The rows as the cache file keeps them, under `version` (what made them: the code). */
export const encodeRelated = (rows: readonly RelatedRow[], version: string): string =>
  `${JSON.stringify({ version, rows: rows.map((r) => [r.sig, r.terms, r.related]) })}\n`;

/** The rows of the cache file; none when it is of another version or damaged. */
export function decodeRelated(bytes: Buffer | undefined, version: string): RelatedRow[] {
  try {
    const data = bytes && (JSON.parse(bytes.toString("utf8")) as { version?: unknown; rows?: unknown });
    if (!data || data.version !== version || !Array.isArray(data.rows)) return [];
    const rows: RelatedRow[] = [];
    for (const row of data.rows as unknown[]) {
      if (!Array.isArray(row) || row.length !== 3) return [];
      const [sig, terms, related] = row as unknown[];
      const texts = Array.isArray(terms) && terms.every((t) => typeof t === "string");
      const docs = Array.isArray(related) && related.length <= 64 && related.every((d) => Number.isInteger(d) && d >= 0 && d < rows.length);
      if (typeof sig !== "string" || !texts || !docs) return [];
      rows.push({ sig, terms: terms as string[], related: related as number[] });
    }
    return rows;
  } catch {
    return [];
  }
}

/** The `max` candidates of highest score, highest first (the lower place first among equals), without sorting them all. */
export function closest(candidates: readonly number[], scoreOf: (j: number) => number, max: number): number[] {
  const places: number[] = [];
  const scores: number[] = [];
  for (const j of candidates) {
    const s = scoreOf(j);
    let at = places.length;
    while (at > 0 && (scores[at - 1]! < s || (scores[at - 1] === s && places[at - 1]! > j))) at -= 1;
    if (at >= max) continue;
    places.splice(at, 0, j);
    scores.splice(at, 0, s);
    if (places.length > max) {
      places.pop();
      scores.pop();
    }
  }
  return places;
}

/** For each entry (by its place), the entries that link to it, newest first. */
export function backlinks(model: SiteModel, linksOf: (entry: SiteEntry) => readonly string[]): SiteEntry[][] {
  const out: SiteEntry[][] = model.entries.map(() => []);
  for (const source of model.entries) {
    for (const path of new Set(linksOf(source))) {
      const target = model.byPath.get(path);
      if (target && target !== source) out[target.at]!.push(source);
    }
  }
  return out;
}
