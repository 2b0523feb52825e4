import { UsageError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import { readIndexedJournal } from "../search/read.js";
import { filterEntries, hasFilter, type EntryFilter } from "../journal/filter.js";
import { stringifyJson } from "../journal/json.js";
import type { JournalContents, LoadedEntry } from "../journal/read.js";
import { findRanges, SearchIndex, type Hit, type WordMatcher } from "../search/engine.js";
import { mergeFilters, parseSearch, type Query, type QueryWord } from "../search/query.js";
import { clip, describeMatches, highlight } from "../search/snippet.js";
import { warnProblems } from "../ui/io.js";
import type { Choice, Prompter } from "../ui/prompts.js";
import { locate, type Context } from "./context.js";
import { formatEntryLines } from "./list.js";
import { entryView } from "../ui/entry-view.js";

export interface SearchOptions extends EntryFilter {
  /** The words as given on the command line; none opens the interactive search on a terminal. */
  words: string[];
  limit: number;
  json: boolean;
  /** Print why each result ranks where it does. */
  explain?: boolean;
  /** Replaced in tests; the terminal prompter otherwise. */
  prompter?: Prompter | undefined;
}

export const DEFAULT_LIMIT = 10;
/** Choices offered while typing: more than a screen, few enough to stay quick on every key. */
const INTERACTIVE_CHOICES = 24;

function load(ctx: Context) {
  const indexed = readIndexedJournal(locate(ctx));
  const failed = warnProblems(ctx.io, indexed.contents.problems, ctx.strict);
  const index = new SearchIndex(indexed);
  return { index, contents: indexed.contents, failed };
}

const isEmpty = (q: Query) => q.words.length === 0 && q.excluded.length === 0 && !hasFilter(q.filter);

/** One line that says why a result ranks where it does. */
export function explainLine(hit: Pick<Hit, "score" | "words" | "proximity">): string {
  if (hit.words.length === 0) return "no words: filters only, newest first";
  const words = hit.words.map((w) => {
    const fields = Object.entries(w.fields).map(([f, n]) => (n === 1 ? f : `${f} x${n}`));
    return `${inertLine(w.word)} ${w.score} (${fields.join(", ")})`;
  });
  return `score ${hit.score} = ${words.join(" + ")}${hit.proximity !== 1 ? `, x${hit.proximity} for words side by side` : ""}`;
}

/** Finds entries by words and prints them best first; exit 1 when nothing matches, like grep. */
export async function search(ctx: Context, options: SearchOptions): Promise<number> {
  const query = parseSearch(options.words);
  const filter = mergeFilters(options, query.filter);
  const words = query.words;
  if (isEmpty(query)) {
    if (options.json) throw new UsageError("--json needs words to search for, such as `nexus search celery --json`");
    if (!ctx.io.interactive) {
      throw new UsageError("say what to search for, such as `nexus search celery retry`", {
        hint: "on a terminal, `nexus search` with no words opens an interactive search",
      });
    }
    return interactive(ctx, { ...options, ...filter });
  }
  const { index, contents, failed } = load(ctx);
  const request = index.request(query, filter);
  const { matchers } = request;
  let hits = index.search(request);
  // No entry has every word: the entries with most of them, said so on stderr (exit 1, as for none).
  const partial = hits.length === 0 && matchers.length > 1 && contents.count > 0;
  if (partial) hits = index.search({ ...request, partial: true });
  const shown = hits.slice(0, options.limit).map((hit) => ({
    entry: hit.entry,
    score: hit.score,
    words: hit.words,
    proximity: hit.proximity,
    missing: partial ? missingWords(hit) : [],
    ...describeMatches(hit.entry, matchers),
  }));
  if (partial && shown.length) ctx.io.err(closestNotice(words, matchers, index));

  if (options.json) {
    ctx.io.out(
      stringifyJson(
        shown.map(({ entry, score, words: why, proximity, matches, snippet, missing }) => ({
          path: entry.path,
          title: entry.title,
          topic: entry.topic,
          date: entry.date,
          tags: entry.tags,
          score,
          matches,
          why: { words: why, proximity },
          snippet: snippet ? clip(snippet, 160).text : "",
          partial,
          ...(partial ? { missing } : {}),
        })),
      ),
    );
  } else if (shown.length) {
    ctx.io.out(resultBlocks(ctx, shown, matchers, Boolean(options.explain)));
  }
  if (hits.length > shown.length) {
    ctx.io.err(`${shown.length} of ${hits.length} ${partial ? "closest" : "matching"} entries shown; --limit ${hits.length} shows all\n`);
  }
  if (hits.length === 0) {
    ctx.io.err(await noResult(index, contents, words, matchers, filter, query.excluded.length > 0));
    return 1;
  }
  return failed || partial ? 1 : 0;
}

/** The query words a partial hit does not have. */
function missingWords(hit: Hit): string[] {
  return hit.words.filter((w) => w.score === 0 && Object.keys(w.fields).length === 0).map((w) => w.word);
}

/** The line before closest matches: which words no entry has together, and which none has at all. */
function closestNotice(words: QueryWord[], matchers: WordMatcher[], index: SearchIndex): string {
  const query = inertLine(words.map((w) => w.text).join(" "));
  const absent = matchers.filter((m) => index.search([m]).length === 0).map((m) => `"${inertLine(m.word.text)}"`);
  const none = absent.length ? ` (${absent.join(", ")} ${absent.length === 1 ? "is" : "are"} in none)` : "";
  return `No entry has all of "${query}"${none}; closest matches:\n`;
}

interface ShownHit extends Pick<Hit, "entry" | "score" | "words" | "proximity"> {
  snippet: ReturnType<typeof describeMatches>["snippet"];
  missing: string[];
}

/** The results as the terminal shows them: the entry's line, its path, a snippet, and why (--explain) or what it lacks. */
function resultBlocks(ctx: Context, shown: ShownHit[], matchers: WordMatcher[], explain: boolean): string {
  const c = ctx.io.color;
  const width = Math.max(30, ctx.io.columns - 3);
  const mark = (text: string) => c.bold.yellow(text);
  const lines = formatEntryLines(ctx.io, shown.map((s) => s.entry), (title) =>
    c.bold(highlight({ text: title, ranges: findRanges(title, matchers).ranges }, mark)),
  );
  const blocks = shown.map((hit, i) => {
    const { entry, snippet } = hit;
    const block = [lines[i]!, `  ${c.dim(inertLine(entry.path))}`];
    if (snippet) block.push(`  ${highlight(clip(snippet, width), mark)}`);
    if (hit.missing.length) block.push(`  ${c.dim(`without: ${hit.missing.map(inertLine).join(", ")}`)}`);
    if (explain) block.push(`  ${c.dim(explainLine(hit))}`);
    return block.join("\n");
  });
  return `${blocks.join("\n\n")}\n`;
}

/** What to say when nothing matches: which word is in no entry, and what is close. */
async function noResult(index: SearchIndex, contents: JournalContents, words: QueryWord[], matchers: WordMatcher[], filter: EntryFilter, excluding: boolean): Promise<string> {
  if (contents.count === 0) return "No entries yet: add one with `nexus add`.\n";
  if (words.length === 0) return `No entries match these ${hasFilter(filter) ? "filters" : "exclusions"}.\n`;
  const query = inertLine(words.map((w) => w.text).join(" "));
  const narrowed = hasFilter(filter) || excluding;
  const lines = [`No entries match "${query}"${narrowed ? " with these filters" : ""}.`];
  const absent = matchers.filter((m) => index.search([m]).length === 0);
  for (const m of absent) lines.push(`"${inertLine(m.word.text)}" is in no entry.`);
  if (absent.length === 0 && matchers.length > 1 && !narrowed) lines.push("Each word is in some entry, but no entry has them all.");
  const { suggestions } = await import("../search/suggest.js");
  const { entries } = contents;
  const close = suggestions(hasFilter(filter) ? filterEntries(entries, filter) : entries, (absent.length ? absent : matchers).map((m) => m.word.text));
  if (close.length) lines.push(`Did you mean: ${close.join(", ")}?`);
  return `${lines.join("\n")}\n`;
}

/** One line for a choice in the interactive search. */
function choice(entry: LoadedEntry, description?: string): Choice<string> {
  return { name: `${entry.date}  ${entry.topic}  ${entry.title}`, value: entry.path, description: description ?? entry.path };
}

/** Narrows as the user types; shows the chosen entry. */
async function interactive(ctx: Context, options: SearchOptions): Promise<number> {
  const { index, contents, failed } = load(ctx);
  const { entries } = contents;
  const filtered = hasFilter(options) ? filterEntries(entries, options) : entries;
  if (filtered.length === 0) {
    ctx.io.err(entries.length === 0 ? "No entries yet: add one with `nexus add`.\n" : "No entries match these filters.\n");
    return 1;
  }
  const prompter = options.prompter ?? (await import("../ui/prompts.js")).terminalPrompter;
  const chosen = await prompter.search<string>("Search the journal (type words; Enter shows the entry)", (term) => {
    let query: Query;
    let filter: EntryFilter;
    try {
      query = parseSearch([term ?? ""]);
      filter = mergeFilters(options, query.filter);
    } catch {
      // Half typed (an open quote, `topic:` with no name yet): nothing until it is whole.
      return [];
    }
    if (isEmpty(query)) return filtered.slice(0, INTERACTIVE_CHOICES).map((e) => choice(e));
    const request = index.request(query, filter);
    let hits = index.search(request);
    // As on the command line: when no entry has every word, the closest ones, saying what they lack.
    const partial = hits.length === 0 && request.matchers.length > 1;
    if (partial) hits = index.search({ ...request, partial: true });
    return hits.slice(0, INTERACTIVE_CHOICES).map((hit) => {
      const { snippet } = describeMatches(hit.entry, request.matchers);
      const text = snippet ? clip(snippet, Math.max(30, ctx.io.columns - 4)).text : hit.entry.path;
      return choice(hit.entry, partial ? `closest match, without ${missingWords(hit).join(", ")}: ${text}` : text);
    });
  });
  const entry = entries.find((e) => e.path === chosen);
  if (!entry) return 1;
  ctx.io.out(await entryView(ctx.io, entry));
  return failed ? 1 : 0;
}
