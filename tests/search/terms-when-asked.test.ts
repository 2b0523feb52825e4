// A read that may never search (readJournal) makes the search terms of the entries it will not
// cache (files modified just now, as every file of a fresh clone is) only if the index is asked
// for; the index it then gives is the one of a read that made them at once.
import { describe, expect, it } from "vitest";
import { readThroughCache, type JournalTerms, type TermMaker } from "../../src/journal/cache.js";
import { openJournal } from "../../src/journal/root.js";
import { encodeEntryTerms } from "../../src/search/index-terms.js";
import { fixtureJournal } from "./fixture.js";

/** Every posting of an index, by term: [term, place of the entry, packed counts], sorted. */
function postings(terms: JournalTerms): [string, number, number][] {
  const out: [string, number, number][] = [];
  terms.forEachPosting(terms.vocabulary.keys(), (entry, id, packed) => out.push([terms.vocabulary[id]!, entry, packed]));
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
}

describe("terms made when asked for", () => {
  // Written just now: none of its files is cached.
  const dir = fixtureJournal({ aged: false });
  let made = 0;
  const counting: TermMaker = (entry, idOf) => {
    made += 1;
    return encodeEntryTerms(entry, idOf);
  };

  it("are not made by a read that never asks for them, and are the same as made at once when asked for", () => {
    const journal = openJournal(dir);
    const lazy = readThroughCache(journal, counting, { termsWhenAsked: true });
    expect(lazy.contents.count).toBeGreaterThan(5);
    expect(lazy.stats.written).toBe(false);
    expect(made).toBe(0);
    const asked = lazy.terms();
    expect(made).toBe(lazy.contents.count);
    const eager = readThroughCache(journal, encodeEntryTerms, {}).terms();
    expect(postings(asked)).toEqual(postings(eager));
    expect([...asked.lengths]).toEqual([...eager.lengths]);
    expect(Math.min(...asked.lengths)).toBeGreaterThan(0);
  });
});
