// What an entry must have to be a result, as bits of a mask over the journal's terms: one
// bit per term word, then as many letter-and-digit parts of literal words as bits remain
// (the literal text is checked anyway; its parts only narrow the entries to check).
// Excluded single terms get bits of their own; other exclusions are checked in the text.
import { QUALITY, type WordMatcher } from "./matcher.js";

export class Requirements {
  /** The bits each term sets. */
  readonly mask: Uint32Array;
  /** Bits of the words for which a term is the same word (not a prefix or a typo): how rare a word is counts the entries that have it, not its look-alikes. */
  readonly sameMask: Uint32Array;
  /** For each word, how well each term matches it (0: not at all). */
  readonly quality: (Float32Array | undefined)[];
  /** The bits of each word. */
  readonly wordBits: Uint32Array;
  /** 1 for the term that says an entry has a chunk too long to keep. */
  readonly verify: Uint8Array;
  /** The bits an entry must have all of (any of, in a partial search). */
  full = 0;
  /** The bits an entry must have none of. */
  excludedBits = 0;
  /** Exclusions checked in the text: phrases and literal words. */
  readonly checkExcluded: WordMatcher[][] = [];
  private bit = 0;

  constructor(
    private readonly vocabulary: readonly string[],
    private readonly matchers: readonly WordMatcher[],
    private readonly partial: boolean,
  ) {
    const n = vocabulary.length;
    this.mask = new Uint32Array(n);
    this.sameMask = new Uint32Array(n);
    this.quality = matchers.map(() => undefined);
    this.wordBits = new Uint32Array(matchers.length);
    this.verify = new Uint8Array(n);
  }

  /** Sets the bits of the words and of the exclusions; false when a word can match nothing (the search has no result). */
  add(excluded: WordMatcher[][]): boolean {
    if (!this.terms() || !this.literals()) return false;
    this.exclusions(excluded);
    return true;
  }

  /** A bit for each term word (a CJK word found inside longer words by all its pairs: a bit for each pair, while bits last); false when one can match nothing. */
  private terms(): boolean {
    const { mask, sameMask, verify } = this;
    for (const [w, m] of this.matchers.entries()) {
      if (m.word.kind !== "term" && !m.chunked) continue;
      const pairs = m.allPairs && this.bit + m.allPairs.length <= 24 ? m.allPairs : [];
      if (m.ids.size === 0 && pairs.length === 0) {
        if (this.partial) continue;
        return false;
      }
      const bits = pairs.length ? ((1 << pairs.length) - 1) << this.bit : 1 << this.bit;
      const q = new Float32Array(this.vocabulary.length);
      for (const [id, c] of m.ids) {
        q[id] = c;
        mask[id]! |= bits;
        if (m.chunked ? id !== m.chunked.verify : c === QUALITY.same) sameMask[id]! |= bits;
        if (m.chunked && id === m.chunked.verify) verify[id] = 1;
      }
      pairs.forEach((id, k) => {
        q[id] = Math.max(q[id]!, QUALITY.pair / pairs.length);
        mask[id]! |= 1 << (this.bit + k);
      });
      this.quality[w] = q;
      this.wordBits[w] = bits;
      this.full |= bits;
      this.bit += Math.max(1, pairs.length);
    }
    return true;
  }

  /** A bit for each letter-and-digit part of a literal word, while bits last; false when a part is in no entry. */
  private literals(): boolean {
    for (const m of this.matchers) {
      if (m.word.kind !== "literal" || m.chunked) continue;
      for (const part of m.word.parts) {
        const id = this.vocabulary.indexOf(part);
        if (id < 0) {
          if (this.partial) continue;
          return false;
        }
        if (this.bit >= 24) continue;
        this.mask[id]! |= 1 << this.bit;
        this.full |= 1 << this.bit;
        this.bit += 1;
      }
    }
    return true;
  }

  /** A bit for each excluded single term; the other exclusions are checked in the text. */
  private exclusions(excluded: WordMatcher[][]): void {
    for (const group of excluded) {
      const only = group.length === 1 ? group[0]! : undefined;
      if (only && only.word.kind === "term" && this.bit < 31) {
        for (const id of only.ids.keys()) this.mask[id]! |= 1 << this.bit;
        this.excludedBits |= 1 << this.bit;
        this.bit += 1;
      } else this.checkExcluded.push(group);
    }
  }
}
