// How good search is, as numbers: a set of queries, each with the entry a person
// means by it, run against a journal. hit@1 is the share of queries whose entry
// comes first, hit@3 in the first three, MRR the mean of 1/rank (0 when missed).
// Used by the relevance tests and printed by `npm run bench`.
import { readIndexedJournal } from "./read.js";
import { openJournal } from "../journal/root.js";
import { SearchIndex } from "./engine.js";
import { parseSearch } from "./query.js";

export interface RelevanceCase {
  query: string;
  /** A part of the path of the entry meant (any entry whose path has it counts). */
  expect: string;
  kind: string;
}

export interface RelevanceFigures {
  queries: number;
  hit1: number;
  hit3: number;
  mrr: number;
}

export interface RelevanceReport extends RelevanceFigures {
  /** Each query and where its entry came (undefined: not found). */
  ranks: { query: string; expect: string; kind: string; rank: number | undefined }[];
  byKind: Record<string, RelevanceFigures>;
}

/** The paths a query finds in the journal at `root`, best first. */
export function journalSearcher(root: string): (query: string) => string[] {
  const index = new SearchIndex(readIndexedJournal(openJournal(root), { cache: false }));
  return (text) => {
    const query = parseSearch([text]);
    return index.search(index.request(query, query.filter)).map((hit) => hit.entry.path);
  };
}

function figures(ranks: (number | undefined)[]): RelevanceFigures {
  const n = ranks.length || 1;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    queries: ranks.length,
    hit1: round(ranks.filter((r) => r === 1).length / n),
    hit3: round(ranks.filter((r) => r !== undefined && r <= 3).length / n),
    mrr: round(ranks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / n),
  };
}

export function measureRelevance(cases: RelevanceCase[], search: (query: string) => string[]): RelevanceReport {
  const ranks = cases.map((c) => {
    const at = search(c.query).findIndex((p) => p.includes(c.expect));
    return { ...c, rank: at < 0 ? undefined : at + 1 };
  });
  const byKind: Record<string, RelevanceFigures> = {};
  for (const kind of new Set(cases.map((c) => c.kind))) byKind[kind] = figures(ranks.filter((r) => r.kind === kind).map((r) => r.rank));
  return { ...figures(ranks.map((r) => r.rank)), ranks, byKind };
}
