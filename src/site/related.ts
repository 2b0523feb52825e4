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
 * For each entry (by its place), up to `max` earlier entries like it, closest first.
 * Earlier only: an entry added later never changes an older entry's page (at 10,000
 * entries a new one was among the closest of 150 others, whose pages an `add` rewrote);
 * an older page reaches the newer ones through its topic's "newer" link and its tags.
 */
export function relatedEntries(model: SiteModel, max = 5): SiteEntry[][] {
  const { entries } = model;
  const n = entries.length;
  // From the oldest entry to the newest: each one is scored against the entries before
  // it alone, with how rare a word is among them, so nothing added later changes it.
  const postings = new Map<string, number[]>();
  const score = new Float64Array(n);
  const out: SiteEntry[][] = new Array(n);
  for (let i = n - 1; i >= 0; i -= 1) {
    const entry = entries[i]!;
    const terms = [...termCounts([entry.meta.title, ...entry.meta.tags, entry.meta.topic]).keys()];
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
    out[i] = best.map((j) => entries[j]!);
    for (const t of terms) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  }
  return out;
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
