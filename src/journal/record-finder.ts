// Finds the cache record of each file the scan finds, and keeps the records a read
// makes. Records are written in scan order, so they are usually met in order: each
// file is first compared with the record after the last one found, and a Map of
// every record by path is made only when that fails.
import type { StoredRecords } from "./stored-records.js";
import type { ScannedFile } from "./scan.js";

export class RecordFinder {
  private cursor = 0;
  private byPath: Map<string, number> | undefined;
  /** The records made by this read, of the files parsed: record -1 - k is fresh[k]. */
  private readonly fresh: string[] = [];

  constructor(readonly stored: StoredRecords | undefined) {}

  /** How many records the cache read has. */
  get total(): number {
    return this.stored?.length ?? 0;
  }

  /** The number of the record of the file as it is now (path, size and change time), or -1. */
  find(found: ScannedFile): number {
    const records = this.stored;
    if (!records) return -1;
    const folder = found.folder.rel;
    if (!this.byPath && this.cursor < records.length && records.matches(this.cursor, folder, found.name, found.size, found.changedMs, found.ino)) return this.cursor++;
    if (!this.byPath) {
      this.byPath = new Map();
      for (let i = 0; i < records.length; i++) {
        const p = records.pathOf(i);
        if (p !== undefined) this.byPath.set(p, i);
      }
    }
    const at = this.byPath.get(found.path);
    return at !== undefined && records.matches(at, folder, found.name, found.size, found.changedMs, found.ino) ? at : -1;
  }

  /** Keeps a record made by this read; returns its number, for lineOf. */
  add(line: string): number {
    return -this.fresh.push(line);
  }

  /** The line of a record: of the cache read (0 and up), or made by this read (add). */
  lineOf(record: number): string {
    return record >= 0 ? this.stored!.line(record) : this.fresh[-1 - record]!;
  }
}
