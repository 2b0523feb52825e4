// The search index of `nexus search`, written out for the browser: the same terms,
// counts and lengths, so the browser's engine (src/search, bundled) ranks exactly as
// the terminal does. Every file is a script that hands its data to the page
// (`nexusSearch.put(name, data)`), which loads over http and from file:// alike.
//
// - search/index.js: the number of entries, each entry's length, the vocabulary of
//   words (sorted: the ids are places in it) and where each postings shard starts;
//   loaded when the search box is first focused.
// - search/t/<first>-<hash>.js: the postings of a run of terms, SHARD_BYTES or so:
//   for each term, the entries that have it (as gaps) and its packed counts per field
//   (index-terms.ts), in the numbers of journal/codec.ts. Named by hash, so a page
//   never mixes shards of two builds.
// - search/chunks.js: the punctuated chunks (n+1, asyncio.gather) for code-like
//   query words, loaded only for such a word.
// - search/facets.js: each entry's date, topic and tags, loaded only for a query
//   with topic:, tag:, since: or until:.
// - search/spelling.js: the words of titles, topics and tags, loaded only when a
//   query finds nothing, for "did you mean".
// - search/x/<doc>.js: an entry's text, for results, snippets and the checks that
//   read text (phrases, words side by side).
//
// Entries are numbered oldest first (doc = count - 1 - place in the journal's order),
// so adding an entry leaves the numbers of the others, and most files, unchanged.
import { createHash } from "node:crypto";
import { forEachBody } from "../journal/bodies.js";
import type { IndexedJournal } from "../journal/cache.js";
import { encodeNumber } from "../journal/codec.js";
import { CHUNK_MARK, normalizeTerm } from "../search/tokens.js";
import type { SiteFile } from "./build.js";
import type { SiteModel } from "./model.js";
import type { RenderedEntry } from "./pages.js";

export const SEARCH_FORMAT = 1;
/** About how many bytes of postings one shard holds (a longer line is a shard of its own). */
export const SHARD_BYTES = 4096;

const script = (name: string, data: unknown) => `nexusSearch.put(${JSON.stringify(name)},${JSON.stringify(data)});\n`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each used term's postings as (doc, packed) pairs in doc order, by the term's old id. */
function postingsByTerm(indexed: IndexedJournal): { vocabulary: string[]; starts: Int32Array; docs: Int32Array; packs: Int32Array } {
  const terms = indexed.terms();
  const { vocabulary } = terms;
  const n = indexed.contents.count;
  const all = Array.from({ length: vocabulary.length }, (_, id) => id);
  const counts = new Int32Array(vocabulary.length + 1);
  terms.forEachPosting(all, (_entry, id) => (counts[id + 1] = counts[id + 1]! + 1));
  const starts = new Int32Array(vocabulary.length + 1);
  for (let id = 0; id < vocabulary.length; id += 1) starts[id + 1] = starts[id]! + counts[id + 1]!;
  const fill = starts.slice();
  const docs = new Int32Array(starts[vocabulary.length]!);
  const packs = new Int32Array(docs.length);
  terms.forEachPosting(all, (entry, id, packed) => {
    const at = fill[id]!;
    docs[at] = n - 1 - entry;
    packs[at] = packed;
    fill[id] = at + 1;
  });
  // In doc order within each term.
  for (let id = 0; id < vocabulary.length; id += 1) {
    const from = starts[id]!;
    const to = starts[id + 1]!;
    let sorted = true;
    for (let k = from + 1; k < to && sorted; k += 1) if (docs[k - 1]! > docs[k]!) sorted = false;
    if (sorted) continue;
    const order = Array.from({ length: to - from }, (_, i) => from + i).sort((x, y) => docs[x]! - docs[y]!);
    const d = order.map((k) => docs[k]!);
    const p = order.map((k) => packs[k]!);
    docs.set(d, from);
    packs.set(p, from);
  }
  return { vocabulary, starts, docs, packs };
}

function lineOf(docs: Int32Array, packs: Int32Array, from: number, to: number): string {
  const out: string[] = [];
  let last = 0;
  for (let k = from; k < to; k += 1) {
    out.push(encodeNumber(docs[k]! - last), encodeNumber(packs[k]!));
    last = docs[k]!;
  }
  return out.join("");
}

/** The files of the search index. */
export function* searchFiles(indexed: IndexedJournal, model: SiteModel, rendered: readonly RenderedEntry[]): Generator<SiteFile> {
  const n = indexed.contents.count;
  const { vocabulary, starts, docs, packs } = postingsByTerm(indexed);
  const used = (id: number) => starts[id + 1]! > starts[id]!;
  const ids = vocabulary.map((_, id) => id).filter(used);
  const words = ids.filter((id) => vocabulary[id]!.charCodeAt(0) !== 1).sort((a, b) => compare(vocabulary[a]!, vocabulary[b]!));
  const chunks = ids.filter((id) => vocabulary[id]!.charCodeAt(0) === 1 && vocabulary[id] !== CHUNK_MARK).sort((a, b) => compare(vocabulary[a]!, vocabulary[b]!));
  const mark = ids.filter((id) => vocabulary[id] === CHUNK_MARK);
  const order = [...words, ...chunks, ...mark];

  const shards: [number, string][] = [];
  let lines: string[] = [];
  let bytes = 0;
  let first = 0;
  const flush = function* (next: number): Generator<SiteFile> {
    if (lines.length) {
      const text = JSON.stringify(lines);
      const hash = createHash("sha256").update(text).digest("base64url").slice(0, 10).replace(/[-_]/g, "0");
      const name = `t/${first}-${hash}`;
      shards.push([first, hash]);
      yield [`search/${name}.js`, script(name, lines)];
    }
    lines = [];
    bytes = 0;
    first = next;
  };
  for (let i = 0; i < order.length; i += 1) {
    const id = order[i]!;
    const line = lineOf(docs, packs, starts[id]!, starts[id + 1]!);
    if (bytes > 0 && bytes + line.length > SHARD_BYTES) yield* flush(i);
    lines.push(line);
    bytes += line.length + 3;
  }
  yield* flush(order.length);

  const lengths: string[] = [];
  const terms = indexed.terms();
  for (let doc = 0; doc < n; doc += 1) lengths.push(encodeNumber(terms.lengths[n - 1 - doc]!));
  yield [
    "search/index.js",
    script("index", { format: SEARCH_FORMAT, count: n, lengths: lengths.join(""), words: words.map((id) => vocabulary[id]), chunks: chunks.length, mark: mark.length, shards }),
  ];
  yield ["search/chunks.js", script("chunks", chunks.map((id) => vocabulary[id]!.slice(1)))];
  yield ["search/spelling.js", script("spelling", spelling(model))];
  yield* facets(model);
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

/** Each entry's date, topic and tags as written (the query's filters compare them as `nexus search` does). */
function* facets(model: SiteModel): Generator<SiteFile> {
  const oldestFirst = model.entries.slice().reverse();
  const names = (values: string[]) => {
    const list: string[] = [];
    const ids = new Map<string, number>();
    const idOf = (v: string) => {
      let id = ids.get(v);
      if (id === undefined) ids.set(v, (id = list.push(v) - 1));
      return id;
    };
    return { list, idOf, values };
  };
  const topics = names([]);
  const tags = names([]);
  const data = {
    dates: oldestFirst.map((e) => e.meta.date),
    topic: oldestFirst.map((e) => topics.idOf(e.meta.topic)),
    tag: oldestFirst.map((e) => e.meta.tags.map(tags.idOf)),
    featured: oldestFirst.map((e) => (e.meta.featured ? 1 : 0)),
    topics: topics.list,
    tags: tags.list,
  };
  yield ["search/facets.js", script("facets", data)];
}

/** Each entry's text, a batch of entries read at a time. */
function* texts(indexed: IndexedJournal, model: SiteModel, rendered: readonly RenderedEntry[]): Generator<SiteFile> {
  const n = model.entries.length;
  const { entries } = indexed.contents;
  for (let from = 0; from < entries.length; from += 256) {
    const out: SiteFile[] = [];
    forEachBody(entries.slice(from, from + 256), (entry, fields) => {
      const e = model.byPath.get(entry.path)!;
      const name = `x/${n - 1 - e.at}`;
      const { challenge, solution, takeaway, notes } = fields;
      const data = { title: entry.title, topic: entry.topic, tags: entry.tags, date: entry.date, page: e.page, description: rendered[e.at]!.description, challenge, solution, takeaway, notes };
      out.push([`search/${name}.js`, script(name, data)]);
    });
    yield* out;
  }
}
