// Each entry's date, topic and tags for the filters of a query (since:, until:,
// topic:, tag:), from the three files search-data.ts writes: each loaded only when a
// filter first asks for it (`get` throws the store's Missing until then).
import { decodeNumbers } from "../search-format.js";

/** The names of the three files. */
export interface FacetFiles {
  dates: string;
  topics: string;
  tags: string;
}

const DAY = 86_400_000;
/** A natural number as the whole number zigzag wrote (search-data.ts). */
const unzigzag = (n: number) => (n % 2 ? -(n + 1) / 2 : n / 2);

export class Facets {
  private datesList: string[] | undefined;
  private featuredSet: Set<number> | undefined;
  private topicsList: string[] | undefined;
  private tagsList: string[][] | undefined;

  constructor(
    private readonly files: FacetFiles,
    private readonly get: (name: string) => unknown,
  ) {}

  dates(): string[] {
    if (!this.datesList) {
      const data = this.get(this.files.dates) as { days: string; featured: number[] };
      const dates: string[] = [];
      let day = 0;
      decodeNumbers(data.days, (gap) => {
        day += unzigzag(gap);
        dates.push(new Date(day * DAY).toISOString().slice(0, 10));
      });
      this.datesList = dates;
      this.featuredSet = new Set(data.featured);
    }
    return this.datesList;
  }

  featured(): Set<number> {
    this.dates();
    return this.featuredSet!;
  }

  topics(): string[] {
    if (!this.topicsList) {
      const data = this.get(this.files.topics) as { names: string[]; of: string };
      const list: string[] = [];
      decodeNumbers(data.of, (id) => list.push(data.names[id]!));
      this.topicsList = list;
    }
    return this.topicsList;
  }

  /** Each entry's tags: written as a count, then that many tag numbers. */
  tags(): string[][] {
    if (!this.tagsList) {
      const data = this.get(this.files.tags) as { names: string[]; of: string };
      const list: string[][] = [];
      let left = 0;
      decodeNumbers(data.of, (x) => {
        if (left === 0) {
          list.push([]);
          left = x;
          return;
        }
        list[list.length - 1]!.push(data.names[x]!);
        left -= 1;
      });
      this.tagsList = list;
    }
    return this.tagsList;
  }
}

/** An entry's topic, tags, date and featured flag, for the filters of a query. */
export class FacetView {
  constructor(
    private readonly facets: Facets,
    private readonly doc: number,
  ) {}

  get topic(): string {
    return this.facets.topics()[this.doc]!;
  }
  get tags(): string[] {
    return this.facets.tags()[this.doc]!;
  }
  get date(): string {
    return this.facets.dates()[this.doc]!;
  }
  get featured(): boolean {
    return this.facets.featured().has(this.doc);
  }
}
