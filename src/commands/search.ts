import { UsageError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import { readIndexedJournal } from "../journal/cache.js";
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
import { entryHeader } from "./show.js";

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
  const hits = index.search(request);
  const shown = hits.slice(0, options.limit).map(({ entry, score, words, proximity }) => ({ entry, score, words, proximity, ...describeMatches(entry, matchers) }));

  if (options.json) {
    ctx.io.out(
      stringifyJson(
        shown.map(({ entry, score, words: why, proximity, matches, snippet }) => ({
          path: entry.path,
          title: entry.title,
          topic: entry.topic,
          date: entry.date,
          tags: entry.tags,
          score,
          matches,
          why: { words: why, proximity },
          snippet: snippet ? clip(snippet, 160).text : "",
        })),
      ),
    );
  } else if (shown.length) {
    const c = ctx.io.color;
    const width = ctx.io.stdoutIsTTY ? Math.max(30, ctx.io.columns - 3) : 100;
    const mark = (text: string) => c.bold.yellow(text);
    const lines = formatEntryLines(ctx.io, shown.map((s) => s.entry), (title) =>
      c.bold(highlight({ text: title, ranges: findRanges(title, matchers).ranges }, mark)),
    );
    const blocks = shown.map((hit, i) => {
      const { entry, snippet } = hit;
      const block = [lines[i]!, `  ${c.dim(inertLine(entry.path))}`];
      if (snippet) block.push(`  ${highlight(clip(snippet, width), mark)}`);
      if (options.explain) block.push(`  ${c.dim(explainLine(hit))}`);
      return block.join("\n");
    });
    ctx.io.out(`${blocks.join("\n\n")}\n`);
  }
  if (hits.length > shown.length) {
    ctx.io.err(`${shown.length} of ${hits.length} matching entries shown; --limit ${hits.length} shows all\n`);
  }
  if (hits.length === 0) {
    ctx.io.err(await noResult(index, contents, words, matchers, filter, query.excluded.length > 0));
    return 1;
  }
  return failed ? 1 : 0;
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
    return index
      .search(request)
      .slice(0, INTERACTIVE_CHOICES)
      .map((hit) => {
        const { snippet } = describeMatches(hit.entry, request.matchers);
        return choice(hit.entry, snippet ? clip(snippet, Math.max(30, ctx.io.columns - 4)).text : hit.entry.path);
      });
  });
  const entry = entries.find((e) => e.path === chosen);
  if (!entry) return 1;
  const { renderMarkdown } = await import("../ui/markdown.js");
  const body = renderMarkdown(entry.body, { color: ctx.io.color.level > 0, width: ctx.io.columns });
  ctx.io.out(`${entryHeader(ctx.io, entry)}\n${body}\n`);
  return failed ? 1 : 0;
}
