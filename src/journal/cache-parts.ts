// Where the entry cache is and where its parts are (format: cache-file.ts), for cache-file.ts
// and for early.ts, which reads them as a run starts and imports nothing heavy.

export const CACHE_DIR = ".nexus";
export const CACHE_FILE = "entry-cache";

/** A cache file this small is read whole; of a larger one, the end first (TAIL bytes), where the header is. */
export const WHOLE_FILE = 64 * 1024;
export const TAIL = 4096;

/** The lengths in a cache file's header that tell where its parts are. */
export interface PartLengths {
  recordBytes: number;
  postingBytes: number;
  vocabularyBytes: number;
  indexBytes: number;
}

/** Where the postings, the vocabulary, the record index and the header start. */
export interface Parts {
  postings: number;
  vocabulary: number;
  index: number;
  header: number;
}

/** Where the parts start, by a header's lengths; each part but the postings ends with a newline. */
function partsAt(h: PartLengths): Parts {
  const postings = h.recordBytes + 1;
  const vocabulary = postings + h.postingBytes;
  const index = vocabulary + h.vocabularyBytes + 1;
  return { postings, vocabulary, index, header: index + h.indexBytes + 1 };
}

const isCount = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0;

/**
 * The header of a cache file, the last line of `bytes` (its last bytes, read from position
 * `at`), with where it starts in `bytes` and where the parts are by it; undefined when that
 * line is no JSON object with the lengths of the parts, or they do not end where it starts.
 */
export function trailerIn(bytes: Buffer, at: number): { header: Record<string, unknown>; start: number; parts: Parts } | undefined {
  const start = bytes.lastIndexOf(10) + 1;
  if (start === 0) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString("utf8", start));
  } catch {
    return undefined;
  }
  if (typeof header !== "object" || header === null) return undefined;
  const h = header as Record<string, unknown>;
  if (![h.recordBytes, h.postingBytes, h.vocabularyBytes, h.indexBytes].every(isCount)) return undefined;
  const parts = partsAt(h as unknown as PartLengths);
  return parts.header === at + start ? { header: h, start, parts } : undefined;
}
