// A unified diff of two texts, line by line, for `build-readme --check`.
// Common head and tail are cut first; the rest is compared with a longest-
// common-subsequence table, which is small for a README. Past a size limit the
// middle is shown as removed and added whole.

const CONTEXT = 3;
const MAX_CELLS = 4_000_000;

type Op = { kind: " " | "-" | "+"; text: string; a: number; b: number };

function toLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
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
  const n = midA.length;
  const m = midB.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    midA.forEach((text, i) => ops.push({ kind: "-", text, a: head + i, b: head }));
    midB.forEach((text, j) => ops.push({ kind: "+", text, a: head + n, b: head + j }));
  } else {
    // lengths[i][j]: LCS of midA[i..] and midB[j..], in one flat array.
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        lengths[i * width + j] =
          midA[i] === midB[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        ops.push({ kind: " ", text: midA[i]!, a: head + i, b: head + j });
        i += 1;
        j += 1;
      } else if (i < n && (j === m || lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!)) {
        // Removed lines before added ones, as diff prints them.
        ops.push({ kind: "-", text: midA[i]!, a: head + i, b: head + j });
        i += 1;
      } else {
        ops.push({ kind: "+", text: midB[j]!, a: head + i, b: head + j });
        j += 1;
      }
    }
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
