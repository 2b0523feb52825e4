// One search over the index (engine.ts), step by step: the query's requirements as bits
// of a mask over the terms (requirements.ts); the postings of the terms that count, giving each entry the
// requirements it meets and how often each word is in each field; the candidates, with how
// many entries have each word; the text of the survivors checked for literal words, phrases
// and excluded words; the BM25F score; and the bonus for words side by side for the best few.
import type { JournalTerms } from "../journal/cache.js";
import { filterEntries, hasFilter, type EntryFilter } from "../journal/filter.js";
import type { JournalContents } from "../journal/read.js";
import { FIELDS, MAX_REPEAT, WEIGHTS, type Field } from "./fields.js";
import { countIn } from "./index-terms.js";
import { adjacentShare, EntryText, hasWordPairs, matchedInitials, type WordPlace } from "./entry-text.js";
import type { WordMatcher } from "./matcher.js";
import { Requirements } from "./requirements.js";
import { RankedHit, round, type WordScore } from "./hit.js";

const K1 = 1.2;
const B = 0.75;
/** How many of the best results get the proximity bonus worked out. */
const PROXIMITY_DEPTH = 40;
/** The bonus for every pair of neighbouring query words that stand side by side. */
const PROXIMITY_BONUS = 0.3;
const NF = FIELDS.length;

/** What to search for: the words, phrases and exclusions of a query (engine.ts makes them). */
export interface SearchRequest {
  matchers: WordMatcher[];
  phrases?: number[][];
  excluded?: WordMatcher[][];
  filter?: EntryFilter;
  /**
   * Entries with any of the words, not all: those with the most words first, then by
   * score. Phrases are not required; excluded words still exclude. For when no entry
   * has them all.
   */
  partial?: boolean;
}

/** A candidate: its place in the journal, its length, and where its counts start in `tf`. */
interface Candidate {
  at: number;
  length: number;
  tf: number;
}

/** Where the words of the terms stand in the best entries (engine.ts PlacesSource), when the index has them. */
export type PlacesOf = (entries: readonly number[]) => Map<number, WordPlace[]> | undefined;

export class SearchRun {
  private readonly matchers: WordMatcher[];
  private readonly phrases: number[][];
  private readonly excluded: WordMatcher[][];
  private readonly partial: boolean;
  private readonly contents: JournalContents;
  /** How many words, terms in the vocabulary and entries. */
  private readonly W: number;
  private readonly n: number;
  private readonly N: number;
  /** The entries the filter keeps (1), when there is a filter. */
  private readonly keptFlags: Uint8Array | undefined;

  /** What an entry must have and must not (requirements.ts). */
  private readonly needs: Requirements;
  private readonly checkExcluded: WordMatcher[][];

  // What the postings say: which requirements each entry meets, and how often each word is
  // found in each field, W * NF numbers an entry, for the entries with any of the terms, in
  // one growing array (a typed array each cost more than the counting).
  private seen = new Uint32Array(0);
  private same = new Uint32Array(0);
  private readonly stride: number;
  private slot = new Int32Array(0);
  private tf: Float32Array;
  private slots = 1; // slot 0 stays zeros: the counts of an entry without terms
  /** Entries with a chunk too long to keep: their text is read to count the literal words. */
  private toRead = new Uint8Array(0);
  private readonly df: Float64Array;
  private readonly dfSame: Float64Array;
  private scanned = 0;
  private averageLength = 1;
  private readonly texts = new Map<number, EntryText>();
  private initials: ReturnType<typeof matchedInitials> | undefined;

  constructor(
    private readonly index: JournalTerms,
    request: Required<SearchRequest>,
    contents: JournalContents,
  ) {
    ({ matchers: this.matchers, phrases: this.phrases, excluded: this.excluded, partial: this.partial } = request);
    this.contents = contents;
    this.W = this.matchers.length;
    this.n = index.vocabulary.length;
    this.N = contents.count;
    // Entries are made only for a filter, and for the hits (contents.ts).
    const kept = hasFilter(request.filter) ? new Set(filterEntries(contents.entries, request.filter)) : undefined;
    this.keptFlags = kept ? Uint8Array.from(contents.entries, (e) => (kept.has(e) ? 1 : 0)) : undefined;
    this.stride = this.W * NF;
    this.tf = new Float32Array(this.stride * 64);
    this.needs = new Requirements(index.vocabulary, this.matchers, this.partial);
    this.checkExcluded = this.needs.checkExcluded;
    this.df = new Float64Array(this.W);
    this.dfSame = new Float64Array(this.W);
  }

  /** Every entry matching the request, best first. */
  run(placesOf: PlacesOf | undefined): RankedHit[] {
    if (!this.needs.add(this.excluded)) return [];
    this.countPostings();
    const survivors = this.checkText(this.candidates());
    const hits = this.rank(survivors);
    if (this.W > 1) this.nearby(hits, placesOf);
    for (const hit of hits) {
      hit.score = round(hit.score);
      hit.proximity = round(hit.proximity);
    }
    return hits;
  }

  /** The offset of an entry's counts in `tf`, given a slot when it has none. */
  private slotOf(e: number): number {
    if (this.slot[e]! < 0) {
      if ((this.slots + 1) * this.stride > this.tf.length) {
        const grown = new Float32Array(this.tf.length * 2);
        grown.set(this.tf);
        this.tf = grown;
      }
      this.slot[e] = this.slots++;
    }
    return this.slot[e]! * this.stride;
  }

  /** The postings of the terms that count: which requirements each entry meets, and how often each word is found in each field. */
  private countPostings(): void {
    const { N, matchers, keptFlags } = this;
    const { mask, sameMask, verify, wordBits, quality } = this.needs;
    const ids: number[] = [];
    for (let id = 0; id < mask.length; id += 1) if (mask[id] !== 0) ids.push(id);
    const seen = (this.seen = new Uint32Array(N));
    const same = (this.same = new Uint32Array(N));
    this.slot = new Int32Array(N).fill(-1);
    const toRead = (this.toRead = new Uint8Array(N));
    const termWords = matchers.map((m, w) => (m.word.kind === "term" || m.chunked ? w : -1)).filter((w) => w >= 0);
    this.index.forEachPosting(ids, (e, id, packed) => {
      if (keptFlags && keptFlags[e] === 0) return;
      const bits = mask[id]!;
      seen[e]! |= bits;
      same[e]! |= sameMask[id]!;
      if (verify[id] === 1) toRead[e] = 1;
      for (let k = 0; k < termWords.length; k += 1) {
        const w = termWords[k]!;
        if ((bits & wordBits[w]!) === 0) continue;
        const at = this.slotOf(e) + w * NF;
        const q = quality[w]![id]!;
        const tf = this.tf;
        for (let f = 0; f < NF; f += 1) {
          const c = countIn(packed, f);
          if (c) tf[at + f] = matchers[w]!.chunked ? Math.min(MAX_REPEAT, tf[at + f]! + q * c) : tf[at + f]! + q * c;
        }
      }
    });
  }

  /** The entries that meet every requirement (any, in a partial search) and none excluded; how many entries have each word. */
  private candidates(): Candidate[] {
    const { W, seen, same, df, dfSame, keptFlags } = this;
    const { wordBits, full, excludedBits } = this.needs;
    // A candidate's counts: `tf` from its offset on (a slot of its own when literal words are counted later).
    const literalsToCount = this.matchers.some((m) => m.pattern !== undefined);
    const candidates: Candidate[] = [];
    const lengths = this.index.lengths;
    let totalLength = 0;
    for (let i = 0; i < this.N; i += 1) {
      if (keptFlags && keptFlags[i] === 0) continue;
      this.scanned += 1;
      totalLength += lengths[i]!;
      const s = seen[i]!;
      if (s === 0 && full !== 0) continue;
      for (let w = 0; w < W; w += 1) {
        if ((s & wordBits[w]!) === wordBits[w]! && wordBits[w]) df[w]! += 1;
        if ((same[i]! & wordBits[w]!) === wordBits[w]! && wordBits[w]) dfSame[w]! += 1;
      }
      if ((this.partial ? (s & full) === 0 : (s & full) !== full) || (s & excludedBits) !== 0) continue;
      candidates.push({ at: i, length: lengths[i]!, tf: literalsToCount ? this.slotOf(i) : Math.max(this.slot[i]!, 0) * this.stride });
    }
    this.averageLength = this.scanned ? totalLength / this.scanned : 1;
    return candidates;
  }

  /** The text of an entry, read once (only words that may be one of the terms looked for are stemmed). */
  private textOf(at: number): EntryText {
    this.initials ??= matchedInitials([...this.matchers, ...this.checkExcluded.flat()]);
    let t = this.texts.get(at);
    if (!t) this.texts.set(at, (t = new EntryText(this.contents.entryAt(at), this.initials)));
    return t;
  }

  /** Literal words, phrases and excluded phrases or literals, in the text of the candidates. */
  private checkText(candidates: Candidate[]): Candidate[] {
    const literals = this.matchers.map((m, w) => (m.pattern ? w : -1)).filter((w) => w >= 0);
    if (literals.length === 0 && this.phrases.length === 0 && this.checkExcluded.length === 0) return candidates;
    return candidates.filter((c) => {
      const text = this.textOf(c.at);
      if (!this.countLiterals(c, text, literals)) return false;
      if (!this.partial && this.phrases.some((p) => !text.hasSequence(p.map((w) => this.matchers[w]!)))) return false;
      if (this.checkExcluded.some((group) => (group.length === 1 && group[0]!.pattern ? FIELDS.some((f) => text.count(group[0]!.pattern!, f) > 0) : text.hasSequence(group)))) return false;
      // A long text read for this check is let go: only the best few are read again.
      if (this.texts.size > PROXIMITY_DEPTH * 4) this.texts.delete(c.at);
      return true;
    });
  }

  /** Counts the literal words in a candidate's text; false when one is missing (in a search that is not partial). */
  private countLiterals(c: Candidate, text: EntryText, literals: number[]): boolean {
    for (const w of literals) {
      const matcher = this.matchers[w]!;
      // A word found through chunks is counted already, unless the entry has a chunk too long to keep.
      const chunked = matcher.chunked !== undefined;
      if (chunked && this.toRead[c.at] === 0) continue;
      let any = false;
      for (let f = 0; f < NF; f += 1) {
        const count = text.count(matcher.pattern!, FIELDS[f]!);
        this.tf[c.tf + w * NF + f] = Math.min(count, MAX_REPEAT);
        if (count) any = true;
      }
      if (!any) {
        if (this.partial) continue;
        return false;
      }
      if (!chunked) this.df[w]! += 1;
    }
    return true;
  }

  /** The survivors as hits, best first: by the words they have (a partial search), score, then the journal's order. */
  private rank(survivors: Candidate[]): RankedHit[] {
    const idf = Array.from(this.df, (any, w) => {
      const d = this.dfSame[w]! || any;
      return Math.log(1 + (this.scanned - d + 0.5) / (d + 0.5));
    });
    // A hit's entry and the shares of its words are made when asked for: a common word
    // has thousands of hits, of which a search shows ten.
    const hits: RankedHit[] = [];
    for (const c of survivors) {
      const matched = this.partial ? this.matchedOf(c) : this.W;
      if (this.partial && matched === 0) continue;
      hits.push(new RankedHit(this.contents, c.at, this.scoreOf(c, idf), matched, () => {
        const words: WordScore[] = [];
        this.scoreOf(c, idf, words);
        return words;
      }));
    }
    return hits.sort(byRank);
  }

  /** The score of a candidate; given `words`, each word's share of it, as --explain shows it. */
  private scoreOf(c: Candidate, idf: number[], words?: WordScore[]): number {
    let score = 0;
    const norm = K1 * (1 - B + (B * c.length) / this.averageLength);
    for (let w = 0; w < this.W; w += 1) {
      let weighted = 0;
      const fields: Partial<Record<Field, number>> | undefined = words ? {} : undefined;
      for (let f = 0; f < NF; f += 1) {
        const x = this.tf[c.tf + w * NF + f]!;
        if (x <= 0) continue;
        weighted += WEIGHTS[f]! * x;
        if (fields) fields[FIELDS[f]!] = round(x);
      }
      const s = (idf[w]! * weighted * (K1 + 1)) / (weighted + norm);
      score += s;
      words?.push({ word: this.matchers[w]!.word.text, score: round(s), fields: fields! });
    }
    return score;
  }

  /** How many words a candidate has (all, but in a partial search). */
  private matchedOf(c: Candidate): number {
    let matched = 0;
    for (let w = 0; w < this.W; w += 1) {
      for (let f = 0; f < NF; f += 1) {
        if (this.tf[c.tf + w * NF + f]! > 0) {
          matched += 1;
          break;
        }
      }
    }
    return matched;
  }

  /** Words side by side: worked out for the best few, which are then sorted again. */
  private nearby(hits: RankedHit[], placesOf: PlacesOf | undefined): void {
    const top = hits.slice(0, PROXIMITY_DEPTH);
    const places = hasWordPairs(this.matchers) ? placesOf?.(top.map((h) => h.at)) : undefined;
    for (const hit of top) {
      hit.proximity = 1 + PROXIMITY_BONUS * (places ? adjacentShare(this.matchers, places.get(hit.at) ?? []) : this.textOf(hit.at).adjacentPairs(this.matchers));
      hit.score *= hit.proximity;
    }
    top.sort(byRank);
    hits.splice(0, top.length, ...top);
  }
}

const byRank = (a: RankedHit, b: RankedHit) => b.matched - a.matched || b.score - a.score || a.at - b.at;
