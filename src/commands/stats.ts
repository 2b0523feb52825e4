import { UserError } from "../errors.js";
import { addDays, today } from "../domain/dates.js";
import { computeStats } from "../domain/stats.js";
import { filterEntries } from "../journal/filter.js";
import { stringifyJson } from "../journal/json.js";
import { formatStats } from "../ui/stats-view.js";
import type { JournalContents } from "../journal/read.js";
import type { Journal } from "../journal/root.js";
import type { ReviewFigures } from "../review/queue.js";
import { loadJournal, type Context } from "./context.js";

export interface StatsOptions {
  /** Only entries up to this day; the end of the heatmap (default: today, or the latest entry if later). */
  until?: string | undefined;
  json: boolean;
  /** Today, for tests. */
  today?: string | undefined;
}

/** The review figures (src/review/) on a day. */
async function reviewStats(journal: Journal, contents: JournalContents, day: string): Promise<ReviewFigures> {
  const { loadDeck } = await import("../review/deck.js");
  const { reviewFigures } = await import("../review/queue.js");
  const deck = loadDeck(journal, contents);
  return reviewFigures(deck.cards, deck.replayed.cards, { day, newPerDay: deck.settings.newPerDay });
}

/** `nexus stats`: the journey in figures and charts; `--json` for the same figures. */
export async function stats(ctx: Context, options: StatsOptions): Promise<number> {
  const { journal, contents, failed } = loadJournal(ctx);
  const entries = options.until ? filterEntries(contents.entries, { until: options.until }) : contents.entries;
  const now = options.today ?? today();
  const latest = entries[0]?.date;
  const until = options.until ?? (latest && latest > now ? latest : now);
  const figures = computeStats(entries, until);
  let review: ReviewFigures | null = null;
  const reviewDay = options.until && options.until < now ? options.until : now;
  try {
    review = await reviewStats(journal, contents, reviewDay);
  } catch (error) {
    // A wrong "review" setting must not take the other figures down.
    if (!(error instanceof UserError)) throw error;
    ctx.io.err(`nexus: warning: ${error.message}; no review figures\n`);
  }
  if (options.json) ctx.io.out(stringifyJson({ ...figures, review }));
  else if (figures.entries === 0) {
    ctx.io.err(contents.entries.length === 0 ? "No entries yet: add one with `nexus add`.\n" : `No entries on or before ${until}.\n`);
  }
  else {
    const reviews = review ? `\n${(await import("../ui/review-figures.js")).reviewFiguresLines(ctx.io, review, addDays(reviewDay, 1)).join("\n")}\n` : "";
    ctx.io.out(`${formatStats(ctx.io, figures)}${reviews}`);
  }
  return failed ? 1 : 0;
}
