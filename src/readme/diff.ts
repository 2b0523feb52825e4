// A unified diff of two texts, line by line, for `build-readme --check`.
// Common head and tail are cut first; the rest is compared with Myers'
// algorithm. Past 5,000 changed lines the middle is shown as removed and added whole.

const CONTEXT = 3;
const MAX_EDITS = 5_000;

type Op = { kind: " " | "-" | "+"; text: string; a: number; b: number };

function toLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Myers' O((N+M)D) shortest edit script: fast when the texts differ in a few
 * places, however long they are. Undefined past `maxEdits` changed lines.
 */
function myers(a: string[], b: string[], maxEdits: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const offset = max + 1;
  // trace[d]: v for k in [-d, d] at the start of step d (index k + d).
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, maxEdits) && found < 0; d += 1) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return undefined;
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d -= 1) {
    const snapshot = trace[d]!;
    const at = (k: number) => snapshot[k + d]!;
    const k = x - y;
    const prevK = d === 0 ? 0 : k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      ops.push({ kind: " ", text: a[x]!, a: x, b: y });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: "+", text: b[prevY]!, a: x, b: prevY });
      else ops.push({ kind: "-", text: a[prevX]!, a: prevX, b: y });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

function compare(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const ops: Op[] = [];
  for (let i = 0; i < head; i += 1) ops.push({ kind: " ", text: a[i]!, a: i, b: i });
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = myers(midA, midB, MAX_EDITS);
  if (middle) {
    for (const op of middle) ops.push({ ...op, a: op.a + head, b: op.b + head });
  } else {
    midA.forEach((text, i) => ops.push({ kind: "-", text, a: head + i, b: head }));
    midB.forEach((text, j) => ops.push({ kind: "+", text, a: head + midA.length, b: head + j }));
  }
  for (let k = tail; k > 0; k -= 1) ops.push({ kind: " ", text: a[a.length - k]!, a: a.length - k, b: b.length - k });
  return ops;
}

/** Makes a line end visible where it differs: a changed CRLF or final newline shows in the diff. */
function visible(text: string): string[] {
  return toLines(text.replace(/\r$/gm, "␍"));
}

/**
 * A unified diff (`---`/`+++` headers, `@@` hunks with 3 lines of context).
 * Empty when the texts are equal.
 */
export function unifiedDiff(before: string, after: string, names: { before: string; after: string }): string {
  if (before === after) return "";
  const a = visible(before);
  const b = visible(after);
  if (before.endsWith("\n") !== after.endsWith("\n")) {
    // Only the final newline differs in the last line: mark it the way diff does.
    if (a.length && !before.endsWith("\n")) a[a.length - 1] += "\n\\ No newline at end of file";
    if (b.length && !after.endsWith("\n")) b[b.length - 1] += "\n\\ No newline at end of file";
  }
  const ops = compare(a, b);
  const changed = ops.map((op, index) => (op.kind === " " ? -1 : index)).filter((i) => i >= 0);
  const hunks: [number, number][] = [];
  for (const index of changed) {
    const start = Math.max(0, index - CONTEXT);
    const end = Math.min(ops.length - 1, index + CONTEXT);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
  }
  const out = [`--- ${names.before}`, `+++ ${names.after}`];
  for (const [start, end] of hunks) {
    const slice = ops.slice(start, end + 1);
    const aCount = slice.filter((op) => op.kind !== "+").length;
    const bCount = slice.filter((op) => op.kind !== "-").length;
    const aStart = aCount ? slice.find((op) => op.kind !== "+")!.a + 1 : slice[0]!.a;
    const bStart = bCount ? slice.find((op) => op.kind !== "-")!.b + 1 : slice[0]!.b;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const op of slice) out.push(`${op.kind}${op.text}`);
  }
  return `${out.join("\n")}\n`;
}
