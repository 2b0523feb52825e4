// In the browser bundle, journal/lazy-entry.ts is replaced by this module (see
// scripts/build.js): search's EntryText reads an entry's body fields from the texts
// loaded so far instead of a file. A text not loaded yet is noted as wanted, and the
// search that asked is run again once it is.
export interface BodyFields {
  challenge: string;
  solution: string;
  takeaway: string;
  notes: string;
  body: string;
}

export const NO_BODY: BodyFields = { challenge: "", solution: "", takeaway: "", notes: "", body: "" };

type Source = (file: string) => BodyFields | undefined;
let source: Source = () => undefined;

/** Sets where bodies come from (the search's store of texts). */
export function setBodySource(read: Source): void {
  source = read;
}

export function readBodyFields(file: string): BodyFields {
  return source(file) ?? NO_BODY;
}
