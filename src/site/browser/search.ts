// The search box's code, loaded by the loader (loader.ts) when the box is first
// focused: loads the index piece by piece (store.ts) and shows results as links
// while the person types. Text from entries goes into the page as text nodes only.
import { findRanges, type Hit, type WordMatcher } from "../../search/engine.js";
import { clip, describeMatches } from "../../search/snippet.js";
import { BrowserSearch, didYouMean } from "./engine.js";
import { Store, type EntryView, type Header } from "./store.js";

export interface Results {
  text: string;
  hits: { page: string; title: string; score: number; date: string; topic: string; snippet: string; ranges: [number, number][]; titleRanges: [number, number][]; missing: string[] }[];
  total: number;
  /** No entry has every word: these are the closest, each without some of them. */
  partial?: boolean;
  error?: string;
  suggestion?: string;
}

const store = new Store();
const engine = new BrowserSearch(store);
const pending = new Map<string, { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void }>();
let root = new URL("./", document.baseURI);

function put(name: string, data: unknown): void {
  store.data.set(name, data);
  pending.get(name)?.resolve();
}

function load(name: string): Promise<void> {
  if (store.has(name)) return Promise.resolve();
  let p = pending.get(name);
  if (!p) {
    let resolve!: () => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<void>((ok, fail) => ((resolve = ok), (reject = fail)));
    p = { promise, resolve, reject };
    pending.set(name, p);
    const script = document.createElement("script");
    script.src = new URL(`search/${name}.js`, root).href;
    const failed = () => {
      pending.delete(name);
      script.remove();
      reject(new Error(`the search index could not be loaded (search/${name}.js); the site may have been rebuilt: reload the page`));
    };
    // A file that ran without giving its data (cut short, or not one of this index's) failed too: waiting on it would never end.
    script.onload = () => (store.has(name) ? script.remove() : failed());
    script.onerror = failed;
    document.head.appendChild(script);
  }
  return p.promise;
}

let opened: Promise<void> | undefined;
const open = () => (opened ??= load("index").then(() => store.open(store.data.get("index") as Header)));

/** A file a search wants; a file of places of words that cannot be loaded turns the places off (the texts give them). */
const loadWanted = (name: string) =>
  load(name).catch((error: Error) => {
    if (!store.isPlaces(name)) throw error;
    store.placesOff = true;
  });

/** Runs a query to the end, loading what it needs; the first `limit` results with their texts. */
export async function query(text: string, limit = 10): Promise<Results> {
  await open();
  for (let round = 0; round < 12; round += 1) {
    const outcome = engine.run(text);
    if (outcome.kind === "wait") {
      await Promise.all(outcome.wanted.map(loadWanted));
      continue;
    }
    if (outcome.kind === "error") return { text, hits: [], total: 0, error: outcome.message };
    const need = engine.textsFor(outcome.hits, limit);
    if (need.length) await Promise.all(need.map(load));
    const results: Results = { text, hits: outcome.hits.slice(0, limit).map((h) => shown(h, outcome.matchers, outcome.partial)), total: outcome.hits.length, partial: outcome.partial };
    if (!outcome.hits.length && outcome.query.words.length) {
      const spelling = store.header.files.spelling;
      await load(spelling);
      results.suggestion = didYouMean(text, outcome.matchers, store.data.get(spelling) as string[]);
    }
    return results;
  }
  return { text, hits: [], total: 0, error: "the search did not settle" };
}

function shown(hit: Hit, matchers: WordMatcher[], partial: boolean): Results["hits"][number] {
  const e = hit.entry as unknown as EntryView;
  const { snippet } = describeMatches(hit.entry, matchers);
  const cut = snippet ? clip(snippet, 180) : undefined;
  // The words a closest match lacks, as `nexus search` says them.
  const missing = partial ? hit.words.filter((w) => w.score === 0 && Object.keys(w.fields).length === 0).map((w) => w.word) : [];
  return { page: e.path, title: e.title, score: hit.score, date: e.date, topic: e.topic, snippet: cut?.text ?? e.description, ranges: cut?.ranges ?? [], titleRanges: findRanges(e.title, matchers).ranges, missing };
}

function marked(text: string, ranges: [number, number][], className: string): HTMLElement {
  const span = document.createElement("span");
  span.className = className;
  let at = 0;
  for (const [from, to] of ranges) {
    span.append(text.slice(at, from));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(from, to);
    span.append(mark);
    at = to;
  }
  span.append(text.slice(at));
  return span;
}

function note(text: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "search-note";
  p.textContent = text;
  return p;
}

/** Shows results in `into`: links, a count, a suggestion. */
function render(into: HTMLElement, results: Results, box: HTMLInputElement, allLink: boolean): void {
  into.replaceChildren();
  if (results.error) {
    into.append(note(results.error));
    return;
  }
  if (!results.hits.length) {
    into.append(note(`No entries match “${results.text}”.`));
    if (results.suggestion) {
      const p = note("Did you mean ");
      const a = document.createElement("a");
      a.href = `${new URL("search.html", root).href}?q=${encodeURIComponent(results.suggestion)}`;
      a.textContent = results.suggestion;
      a.addEventListener("click", (event) => {
        event.preventDefault();
        box.value = results.suggestion!;
        box.dispatchEvent(new Event("input"));
      });
      p.append(a, "?");
      into.append(p);
    }
    return;
  }
  if (results.partial) into.append(note(`No entry has all of “${results.text}”; closest matches:`));
  const list = document.createElement("ol");
  for (const hit of results.hits) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = new URL(hit.page, root).href;
    a.dataset.score = String(hit.score);
    a.append(marked(hit.title, hit.titleRanges, "title"));
    const meta = document.createElement("span");
    meta.className = "hit-meta";
    meta.textContent = `${hit.date} · ${hit.topic}${hit.missing.length ? ` · without ${hit.missing.join(", ")}` : ""}`;
    a.append(meta);
    if (hit.snippet) a.append(marked(hit.snippet, hit.ranges, "hit-meta"));
    li.append(a);
    list.append(li);
  }
  into.append(list);
  const count = note(`${results.hits.length} of ${results.total} ${results.partial ? "closest " : ""}${results.total === 1 ? "entry" : "entries"}`);
  if (allLink && results.total > results.hits.length) {
    const a = document.createElement("a");
    a.href = `${new URL("search.html", root).href}?q=${encodeURIComponent(results.text)}`;
    a.textContent = "all results";
    count.append(" · ", a);
  }
  into.append(count);
}

/** Makes a box search as the person types, showing results in `into`. */
export function attach(box: HTMLInputElement, into: HTMLElement, siteRoot: string, options: { limit?: number; page?: boolean } = {}): void {
  root = new URL(siteRoot, document.baseURI);
  let latest = 0;
  const limit = options.limit ?? 10;
  const update = async () => {
    const text = box.value.trim();
    const mine = ++latest;
    if (!text) {
      into.hidden = !options.page;
      into.replaceChildren();
      return;
    }
    const results = await query(text, limit).catch((error: Error) => ({ text, hits: [], total: 0, error: error.message }) as Results);
    if (mine !== latest) return;
    render(into, results, box, !options.page);
    // Which query the results are of (for scripts and tests that type fast).
    into.dataset.query = text;
    into.hidden = false;
    into.dispatchEvent(new CustomEvent("nexus-results", { bubbles: true }));
  };
  box.addEventListener("input", () => void update());
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      into.hidden = !options.page;
    } else if (event.key === "ArrowDown") {
      const first = into.querySelector("a");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  if (box.value.trim()) void update();
}

declare global {
  interface Window {
    nexusSearch: { put: typeof put; attach: typeof attach; query: typeof query };
  }
}
const queued = (window.nexusSearch as unknown as { queue?: [string, unknown][] } | undefined)?.queue ?? [];
window.nexusSearch = { put, attach, query };
for (const [name, data] of queued) put(name, data);
