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

/** Where the postings, the vocabulary, the record index and the header start; each part but the postings ends with a newline. */
export function partsAt(h: PartLengths): { postings: number; vocabulary: number; index: number; header: number } {
  const postings = h.recordBytes + 1;
  const vocabulary = postings + h.postingBytes;
  const index = vocabulary + h.vocabularyBytes + 1;
  return { postings, vocabulary, index, header: index + h.indexBytes + 1 };
}
