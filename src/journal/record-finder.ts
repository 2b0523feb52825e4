// Finds the cache record of each file the scan finds, and keeps the records a read
// makes. Records are written in scan order, so they are usually met in order: each
// file is first compared with the record after the last one found, and a Map of
// every record by path is made only when that fails.
import { recordMatches, recordPath } from "./cache-record.js";
import type { RecordLines } from "./cache-file.js";
import type { ScannedFile } from "./scan.js";

export class RecordFinder {
  private cursor = 0;
  private byPath: Map<string, number> | undefined;
  /** The records made by this read, of the files parsed: record -1 - k is fresh[k]. */
  private readonly fresh: string[] = [];
  /** The line of the record `find` found last. */
  matched = "";

  constructor(private readonly records: RecordLines | undefined) {}

  /** How many records the cache read has. */
  get total(): number {
    return this.records?.length ?? 0;
  }

  /** The number of the record of the file as it is now (path, size and change time), or -1; its line is then `matched`. */
  find(found: ScannedFile): number {
    const records = this.records;
    if (!records) return -1;
    const folder = found.folder.rel;
    if (!this.byPath && this.cursor < records.length) {
      const line = records.line(this.cursor);
      if (recordMatches(line, folder, found.name, found.size, found.changedMs)) {
        this.matched = line;
        return this.cursor++;
      }
    }
    if (!this.byPath) {
      this.byPath = new Map();
      for (let i = 0; i < records.length; i++) {
        const p = recordPath(records.line(i));
        if (p !== undefined) this.byPath.set(p, i);
      }
    }
    const at = this.byPath.get(found.path);
    if (at === undefined) return -1;
    const line = records.line(at);
    if (!recordMatches(line, folder, found.name, found.size, found.changedMs)) return -1;
    this.matched = line;
    return at;
  }

  /** Keeps a record made by this read; returns its number, for lineOf. */
  add(line: string): number {
    return -this.fresh.push(line);
  }

  /** The line of a record: of the cache read (0 and up), or made by this read (add). */
  lineOf(record: number): string {
    return record >= 0 ? this.records!.line(record) : this.fresh[-1 - record]!;
  }
}
