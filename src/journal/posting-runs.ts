// The postings of entries parsed in this run, set aside a batch at a time so that
// a first build over 100,000 entries never holds them all: each batch (about
// BATCH_POSTINGS postings, in typed arrays) is inverted by term and appended to a
// scratch store (a file beside the cache) as one run; when the index is written
// (postings.ts), the runs are read back term by term, one cursor each, in order.
//
// A run: for each term it has, in term order, the term id (as a gap from the
// previous one), how many postings, then each posting as the record number (as a
// gap, the first from 0) and the packed counts; numbers as codec.ts writes them.
// Records must be added in increasing order, so that every run's records follow
// the previous run's and a term's postings from all runs are in record order.
import { BASE, DIGIT, MAX_DIGITS, writeNumber } from "./codec.js";

/** About how many postings are held in memory before they are set aside as a run. */
export const BATCH_POSTINGS = 1 << 18;
/** How many bytes of a run a cursor reads at a time. */
const READ_BYTES = 16 * 1024;

/** Where runs are kept: appended one after another, read back by position. */
export interface RunStore {
  append(bytes: Uint8Array): void;
  /** Reads into `buffer` from `position`; returns how many bytes were read. */
  read(buffer: Uint8Array, position: number): number;
}

/** A run as a store holds it. */
interface Run {
  start: number;
  end: number;
}

/** Reads the numbers of one run in order. */
class RunCursor {
  private readonly buffer = new Uint8Array(READ_BYTES);
  private at = 0;
  private filled = 0;
  private position: number;
  /** The term whose postings come next; -1 when the run is read to its end. */
  nextId = -1;

  constructor(
    private readonly store: RunStore,
    private readonly run: Run,
  ) {
    this.position = run.start;
    if (run.end > run.start) this.nextId = this.number();
  }

  private byte(): number {
    if (this.at === this.filled) {
      const want = Math.min(READ_BYTES, this.run.end - this.position);
      const got = want > 0 ? this.store.read(this.buffer.subarray(0, want), this.position) : 0;
      if (got <= 0) throw new Error("a postings run was cut short");
      this.position += got;
      this.at = 0;
      this.filled = got;
    }
    return this.buffer[this.at++]!;
  }

  private atEnd(): boolean {
    return this.at === this.filled && this.position === this.run.end;
  }

  number(): number {
    let value = 0;
    for (;;) {
      const digit = DIGIT[this.byte()]!;
      if (digit < 0) throw new Error("a postings run is damaged");
      if (digit < BASE) return value * BASE + digit;
      value = value * BASE + (digit - BASE);
    }
  }

  /** Calls `visit` with the postings of term `id` in this run (none when it has none), passing over any earlier term. */
  postingsOf(id: number, visit: (record: number, packed: number) => void): void {
    while (this.nextId >= 0 && this.nextId <= id) {
      const count = this.number();
      let record = 0;
      for (let k = 0; k < count; k += 1) {
        record += this.number();
        const packed = this.number();
        if (this.nextId === id) visit(record, packed);
      }
      this.nextId = this.atEnd() ? -1 : this.nextId + this.number();
    }
  }
}

/** Postings added entry by entry, set aside by batches, read back by term. */
export class PostingRuns {
  private ids = new Int32Array(1024);
  private records = new Int32Array(1024);
  private packs = new Int32Array(1024);
  private size = 0;
  private totals = new Uint32Array(1024);
  private lastRecord = 0;
  private readonly runs: Run[] = [];
  private stored = 0;
  private scratch = new Uint8Array(0);
  private starts = new Uint32Array(0);
  private fill = new Uint32Array(0);
  private order = new Int32Array(0);

  constructor(
    private readonly store: RunStore,
    private readonly batch = BATCH_POSTINGS,
  ) {}

  /** Adds a posting: term `id` in record `record` (records in increasing order, entry after entry). */
  add(record: number, id: number, packed: number): void {
    if (record < this.lastRecord) throw new Error("postings runs take records in increasing order");
    this.lastRecord = record;
    if (this.size === this.ids.length) {
      const grow = (a: Int32Array) => {
        const bigger = new Int32Array(Math.max(1024, a.length * 2));
        bigger.set(a);
        return bigger;
      };
      [this.ids, this.records, this.packs] = [grow(this.ids), grow(this.records), grow(this.packs)];
    }
    this.ids[this.size] = id;
    this.records[this.size] = record;
    this.packs[this.size] = packed;
    this.size += 1;
    if (id >= this.totals.length) {
      const bigger = new Uint32Array(Math.max(id + 1, this.totals.length * 2));
      bigger.set(this.totals);
      this.totals = bigger;
    }
    this.totals[id] = this.totals[id]! + 1;
  }

  /** Sets the batch aside when it is full; call between entries. */
  entryDone(): void {
    if (this.size >= this.batch) this.spill();
  }

  /** How many postings term `id` has in all. */
  count(id: number): number {
    return id < this.totals.length ? this.totals[id]! : 0;
  }

  /** Sets the postings held in memory aside as a run, inverted by term (stable: records stay in order). */
  spill(): void {
    const n = this.size;
    if (n === 0) return;
    let maxId = 0;
    for (let i = 0; i < n; i += 1) if (this.ids[i]! > maxId) maxId = this.ids[i]!;
    // Where each term's postings start in the run, and the postings in that order: the arrays are kept for the next batch.
    if (this.starts.length < maxId + 2) {
      this.starts = new Uint32Array(Math.max(maxId + 2, 2 * this.starts.length));
      this.fill = new Uint32Array(this.starts.length);
    } else {
      this.starts.fill(0, 0, maxId + 2);
    }
    if (this.order.length < n) this.order = new Int32Array(Math.max(n, 2 * this.order.length));
    const { starts, fill, order } = this;
    for (let i = 0; i < n; i += 1) starts[this.ids[i]! + 1] = starts[this.ids[i]! + 1]! + 1;
    let terms = 0;
    for (let id = 0; id <= maxId; id += 1) {
      if (starts[id + 1]! > 0) terms += 1;
      starts[id + 1] = starts[id + 1]! + starts[id]!;
    }
    fill.set(starts.subarray(0, maxId + 1));
    for (let i = 0; i < n; i += 1) {
      const id = this.ids[i]!;
      order[fill[id]!] = i;
      fill[id] = fill[id]! + 1;
    }
    const bound = (2 * n + 2 * terms) * MAX_DIGITS;
    if (this.scratch.length < bound) this.scratch = new Uint8Array(bound);
    const out = this.scratch;
    let at = 0;
    let lastId = 0;
    for (let id = 0; id <= maxId; id += 1) {
      const from = starts[id]!;
      const to = starts[id + 1]!;
      if (to === from) continue;
      at = writeNumber(out, at, id - lastId);
      at = writeNumber(out, at, to - from);
      lastId = id;
      let last = 0;
      for (let k = from; k < to; k += 1) {
        const i = order[k]!;
        at = writeNumber(out, at, this.records[i]! - last);
        at = writeNumber(out, at, this.packs[i]!);
        last = this.records[i]!;
      }
    }
    this.store.append(out.subarray(0, at));
    this.runs.push({ start: this.stored, end: this.stored + at });
    this.stored += at;
    this.size = 0;
    if (this.ids.length > this.batch * 2) {
      this.ids = new Int32Array(1024);
      this.records = new Int32Array(1024);
      this.packs = new Int32Array(1024);
    }
  }

  /** How many runs have been set aside. */
  get runCount(): number {
    return this.runs.length;
  }

  /**
   * Sets the last batch aside and gives a reader of every term's postings, to be
   * called with term ids in increasing order: each run is read once, front to back.
   */
  reader(): (id: number, visit: (record: number, packed: number) => void) => void {
    this.spill();
    this.scratch = new Uint8Array(0);
    this.ids = this.records = this.packs = this.order = new Int32Array(0);
    this.starts = this.fill = new Uint32Array(0);
    const cursors = this.runs.map((run) => new RunCursor(this.store, run));
    return (id, visit) => {
      for (const cursor of cursors) cursor.postingsOf(id, visit);
    };
  }
}
