// What an entry page offers next: earlier entries like it (the rarer the words of its
// title, topic and tags that another entry shares, the closer), and the entries
// whose text links to it.
import { termCounts } from "../search/tokens.js";
import type { SiteEntry, SiteModel } from "./model.js";

/** A word shared by more entries than this says little about closeness (and would cost a pass over them all). */
const COMMON = 200;

/**
 * For each entry (by its place), up to `max` earlier entries like it, closest first.
 * Earlier only: an entry added later never changes an older entry's page (at 10,000
 * entries a new one was among the closest of 150 others, whose pages an `add` rewrote);
 * an older page reaches the newer ones through its topic's "newer" link and its tags.
 */
export function relatedEntries(model: SiteModel, max = 5): SiteEntry[][] {
  const { entries } = model;
  const termsOf = entries.map((e) => [...termCounts([e.meta.title, ...e.meta.tags, e.meta.topic]).keys()]);
  const postings = new Map<string, number[]>();
  termsOf.forEach((terms, i) => {
    for (const t of terms) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  const n = entries.length;
  const limit = Math.max(COMMON, Math.ceil(n / 50));
  const score = new Float64Array(n);
  return entries.map((entry, i) => {
    const touched: number[] = [];
    for (const t of termsOf[i]!) {
      const list = postings.get(t)!;
      if (list.length < 2 || list.length > limit) continue;
      const idf = Math.log(1 + n / list.length);
      for (const j of list) {
        if (j <= i) continue;
        if (score[j] === 0) touched.push(j);
        score[j]! += idf;
      }
    }
    const best = closest(touched, (j) => score[j]! + (entries[j]!.topic === entry.topic ? 0.5 : 0), max);
    for (const j of touched) score[j] = 0;
    return best.map((j) => entries[j]!);
  });
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
