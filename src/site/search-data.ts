// The search index of `nexus search`, written out for the browser: the same terms,
// counts and lengths, so the browser's engine (src/search, bundled) ranks exactly as
// the terminal does. Every file is a script that hands its data to the page
// (`nexusSearch.put(name, data)`), which loads over http and from file:// alike.
//
// Entries are numbered oldest first (doc = count - 1 - place in the journal's order),
// so adding an entry leaves the numbers of the others, and most files, unchanged. The
// postings are in two parts, so that an `add` rewrites a few files, not hundreds:
// - the base: the entries before the last whole block of `tailBlock(count)` entries
//   (up to 128), cut by term into shards of about SHARD_BYTES; it changes only when a
//   block fills up (1 `add` in 128 at 10,000 entries) or an older entry changes;
// - the tail: the entries after it, in TAIL_SHARDS files by a hash of the term
//   (search-format.ts), which an `add` rewrites.
//
// - search/index.js: the number of entries, each entry's length, the words (the base's
//   sorted, then the tail's new ones sorted; front-coded: each word as how many letters
//   it shares with the one before and the rest) and the names of the other files;
//   loaded when the search box is first focused. Every other file is named by a hash
//   of its content, so a page never mixes files of two builds.
// - search/t/w<first>-<hash>.js, c<first>-..., m-...: the base's postings of a run of
//   words, of punctuated chunks (n+1, asyncio.gather), of the mark of long chunks:
//   for each term, the entries that have it (as gaps) and its packed counts per field
//   (index-terms.ts), in the numbers of journal/codec.ts.
// - search/t/p<first>-<hash>.js: beside each w shard, the places of its words in the
//   entries of their postings (search-base.ts), for the bonus of words side by side
//   (loaded for a query of several words instead of the texts of its best 40 results).
// - search/t/r<k>-<hash>.js, q<k>-<hash>.js: the tail's postings of the terms of hash
//   k by term id, and their places.
// - search/chunks-<hash>.js: the punctuated chunks, loaded only for a code-like word.
// - search/f/dates-, topics-, tags-<hash>.js: each entry's date, topic and tags,
//   each loaded only for a query that filters on it (since:/until:, topic:, tag:).
// - search/spelling-<hash>.js: the words of titles, topics and tags, loaded only when a
//   query finds nothing, for "did you mean".
// - search/x/<doc>.js: an entry's text, for results, snippets and the checks that
//   read text (phrases; words side by side when the places would cost more).
import { bodyOf } from "../journal/bodies.js";
import type { IndexedJournal } from "../journal/cache.js";
import { encodeNumber, forEachPair } from "../journal/codec.js";
import { encodeEntryTerms } from "../search/index-terms.js";
import { CHUNK_MARK, normalizeTerm } from "../search/tokens.js";
import type { SiteModel } from "./model.js";
import { keyOf, type SiteFile } from "./output.js";
import type { RenderedEntry } from "./pages.js";
import { baseKey, compare, DocPlaces, nameOf, postingLine, script, searchBase, type SearchBase } from "./search-base.js";
import { frontCode, shardOf, TAIL_SHARDS, tailBlock } from "./search-format.js";

export const SEARCH_FORMAT = 3;

/** A file named by a hash of its data: its name (without search/ and .js) and the file. */
function hashed(stem: string, data: unknown): [string, SiteFile] {
  const name = nameOf(stem, data);
  return [name, [`search/${name}.js`, script(name, data)]];
}

/** Numbers for texts in the order first seen: `idOf` gives a text's number, `list` the texts by number. */
function interner(): { list: string[]; idOf: (text: string) => number } {
  const list: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (text: string) => {
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = list.push(text) - 1));
    return id;
  };
  return { list, idOf };
}

/** The tail's postings: each term's (doc, packed counts) of the docs from `base` on, indexed as the journal's cache indexes them. */
function tailPostings(indexed: IndexedJournal, base: number): Map<string, [number, number][]> {
  const { entries } = indexed.contents;
  const n = entries.length;
  const { list: terms, idOf } = interner();
  const postings = new Map<string, [number, number][]>();
  for (let doc = base; doc < n; doc += 1) {
    const e = entries[n - 1 - doc]!;
    const { challenge, solution, takeaway, notes } = bodyOf(e);
    const { pairs } = encodeEntryTerms({ title: e.title, topic: e.topic, tags: e.tags, challenge, solution, takeaway, notes }, idOf);
    forEachPair(pairs, (id, packed) => {
      const term = terms[id]!;
      const list = postings.get(term);
      if (list) list.push([doc, packed]);
      else postings.set(term, [[doc, packed]]);
    });
  }
  return postings;
}

/** The search index's files, and the base to keep for the next build (`keep`). */
export function* searchFiles(indexed: IndexedJournal, model: SiteModel, rendered: readonly RenderedEntry[], kept: { base: SearchBase | undefined; code: string; keep: (base: SearchBase) => void }): Generator<SiteFile> {
  const n = indexed.contents.count;
  const base = n - (n % tailBlock(n));
  const key = baseKey(indexed, rendered.map((r) => r.key), base, `${SEARCH_FORMAT} ${kept.code}`);
  const { info, files } = searchBase(indexed, base, key, kept.base);
  if (info !== kept.base) kept.keep(info);
  yield* files;
  // The browser's terms: the base's, then the tail's new ones; words, then chunks, then the mark.
  const tail = tailPostings(indexed, base);
  const baseWords = new Set(info.words);
  const baseChunks = new Set(info.chunks);
  const tailWords = [...tail.keys()].filter((t) => t.charCodeAt(0) !== 1 && !baseWords.has(t)).sort(compare);
  const tailChunks = [...tail.keys()].filter((t) => t.charCodeAt(0) === 1 && t !== CHUNK_MARK && !baseChunks.has(t.slice(1))).map((t) => t.slice(1)).sort(compare);
  const words = [...info.words, ...tailWords];
  const chunks = [...info.chunks, ...tailChunks];
  const mark = info.mark || tail.has(CHUNK_MARK);
  const terms = [...words, ...chunks.map((c) => CHUNK_MARK + c), ...(mark ? [CHUNK_MARK] : [])];
  const { entries } = indexed.contents;
  const places = new DocPlaces(entries.slice(0, n - base).reverse(), base);
  const byShard: (number | string)[][] = Array.from({ length: TAIL_SHARDS }, () => []);
  const placesByShard: (number | string)[][] = Array.from({ length: TAIL_SHARDS }, () => []);
  terms.forEach((term, id) => {
    const list = tail.get(term);
    if (!list) return;
    byShard[shardOf(term)]!.push(id, postingLine(list, base));
    const line = places.line(term, list);
    if (line) placesByShard[shardOf(term)]!.push(id, line);
  });
  const tails: [number, string][] = [];
  const tailPlaces: [number, string][] = [];
  for (const [stem, shards, names] of [["t/r", byShard, tails], ["t/q", placesByShard, tailPlaces]] as const) {
    for (let k = 0; k < TAIL_SHARDS; k += 1) {
      if (!shards[k]!.length) continue;
      const [name, file] = hashed(`${stem}${k}`, shards[k]!);
      names.push([k, name.slice(name.lastIndexOf("-") + 1)]);
      yield file;
    }
  }
  const [chunksName, chunksFile] = hashed("chunks", chunks);
  const [spellingName, spellingFile] = hashed("spelling", spelling(model));
  yield chunksFile;
  yield spellingFile;
  const facetNames: Record<string, string> = {};
  for (const [facet, [name, file]] of facets(model)) {
    facetNames[facet] = name;
    yield file;
  }
  const lengths = indexed.terms().lengths;
  const header = {
    format: SEARCH_FORMAT,
    count: n,
    base,
    lengths: Array.from({ length: n }, (_, doc) => encodeNumber(lengths[n - 1 - doc]!)).join(""),
    words: frontCode(words),
    baseWords: info.words.length,
    chunks: chunks.length,
    baseChunks: info.chunks.length,
    mark: mark ? 1 : 0,
    shards: info.shards,
    tails,
    tailPlaces,
    files: { chunks: chunksName, spelling: spellingName, ...facetNames },
  };
  yield ["search/index.js", script("index", header)];
  yield* texts(indexed, model, rendered);
}

/** The words of the titles, topics and tags as written (in lower case, without accents), for "did you mean". */
function spelling(model: SiteModel): string[] {
  const words = new Set<string>();
  for (const e of model.entries) {
    for (const text of [e.meta.title, e.meta.topic, ...e.meta.tags]) {
      for (const m of text.matchAll(/[\p{L}\p{M}\p{N}_]{3,40}/gu)) words.add(normalizeTerm(m[0]));
    }
  }
  return [...words].sort(compare);
}

const DAY = 86_400_000;
const dayOf = (date: string) => Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY);
/** A whole number as a natural one (0, -1, 1, -2...: 0, 1, 2, 3...), for encodeNumber. */
const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);

/** Each entry's date, topic and tags as written (the query's filters compare them as `nexus search` does), oldest first, in three files. */
function* facets(model: SiteModel): Generator<[string, [string, SiteFile]]> {
  const oldestFirst = model.entries.slice().reverse();
  let lastDay = 0;
  const days = oldestFirst.map((e) => {
    const day = dayOf(e.meta.date);
    const gap = encodeNumber(zigzag(day - lastDay));
    lastDay = day;
    return gap;
  });
  const featured = oldestFirst.flatMap((e, doc) => (e.meta.featured ? [doc] : []));
  yield ["dates", hashed("f/dates", { days: days.join(""), featured })];
  const topics = interner();
  const topicOf = oldestFirst.map((e) => encodeNumber(topics.idOf(e.meta.topic))).join("");
  yield ["topics", hashed("f/topics", { names: topics.list, of: topicOf })];
  const tags = interner();
  const tagsOf = oldestFirst.map((e) => encodeNumber(e.meta.tags.length) + e.meta.tags.map((t) => encodeNumber(tags.idOf(t))).join("")).join("");
  yield ["tags", hashed("f/tags", { names: tags.list, of: tagsOf })];
}

/** Each entry's text; made only when its key (what it is made from) changed since the last build. */
function* texts(indexed: IndexedJournal, model: SiteModel, rendered: readonly RenderedEntry[]): Generator<SiteFile> {
  const n = model.entries.length;
  const { entries } = indexed.contents;
  for (const entry of entries) {
    const e = model.byPath.get(entry.path)!;
    const name = `x/${n - 1 - e.at}`;
    const r = rendered[e.at]!;
    const key = keyOf([name, r.key, entry.title, entry.topic, entry.tags, entry.date, e.page, r.description]);
    yield [
      `search/${name}.js`,
      () => {
        const { challenge, solution, takeaway, notes } = bodyOf(entry);
        return script(name, { title: entry.title, topic: entry.topic, tags: entry.tags, date: entry.date, page: e.page, description: r.description, challenge, solution, takeaway, notes });
      },
      key,
    ];
  }
}
