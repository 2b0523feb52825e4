// Entries whose body is read from the file only when something asks for it: the
// cache keeps titles, topics, dates and tags, never bodies.
import { splitFile, stripBom } from "../domain/frontmatter.js";
import { splitSections } from "../domain/sections.js";
import { decodeEntryBytes, MAX_ENTRY_BYTES, type LoadedEntry } from "./entry-file.js";
import { readRegular } from "./regular-file.js";

export type BodyFields = Pick<LoadedEntry, "challenge" | "solution" | "takeaway" | "notes" | "body">;
const BODY_KEYS = ["challenge", "solution", "takeaway", "notes", "body"] as const;
export const NO_BODY: BodyFields = { challenge: "", solution: "", takeaway: "", notes: "", body: "" };

/** The body and sections of an entry file's bytes the way parseEntry reads them, without the YAML. */
export function bodyFieldsOf(bytes: Uint8Array): BodyFields {
  try {
    const decoded = decodeEntryBytes(bytes);
    if ("problem" in decoded) return NO_BODY;
    const text = stripBom(decoded.text);
    const body = text.slice(splitFile(text).bodyOffset).replace(/\r\n/g, "\n");
    const { challenge, solution, takeaway, notes } = splitSections(body);
    return { challenge, solution, takeaway, notes, body };
  } catch {
    return NO_BODY;
  }
}

/** Reads the body and sections of an entry file the way parseEntry does, without the YAML. */
export function readBodyFields(file: string): BodyFields {
  try {
    return bodyFieldsOf(readRegular(file, { maxBytes: MAX_ENTRY_BYTES }));
  } catch {
    return NO_BODY;
  }
}

/** Answers, through a lazy entry's proxy, whether its body is still unread (see bodyUnread). */
const BODY_UNREAD = Symbol("nexus.bodyUnread");

/** True when the entry's body has not been read yet: it would be read from its file on first use. */
export const bodyUnread = (entry: LoadedEntry): boolean => (entry as unknown as Record<symbol, unknown>)[BODY_UNREAD] === true;

/** The fields a cache record decodes when first looked at (cache-record.ts). */
export type HeadFields = Pick<LoadedEntry, "title" | "topic" | "tags" | "featured">;
const HEAD_KEYS: ReadonlySet<string | symbol> = new Set(["title", "topic", "tags", "featured"]);
const BODY: ReadonlySet<string | symbol> = new Set(BODY_KEYS);

/**
 * Decodes the head fields of a lazy entry from the text it was made with (a cache
 * record and where its fields start): one function for every entry, so that an
 * entry of 100,000 costs no closure of its own.
 */
export type HeadDecoder = (text: string, at: number, entry: Pick<LoadedEntry, "path" | "file">) => HeadFields;

// Every trap that can reveal a field loads it first. Creating a proxy costs about
// as much as a plain object; own accessors cost 3 to 20 times more.
class LazyFields implements ProxyHandler<LoadedEntry> {
  private bodyToRead = true;

  constructor(
    private decode: HeadDecoder | undefined,
    private text: string,
    private at: number,
  ) {}

  private load(target: LoadedEntry, key: string | symbol): void {
    if (this.decode && HEAD_KEYS.has(key)) {
      const decode = this.decode;
      this.decode = undefined;
      Object.assign(target, decode(this.text, this.at, target));
      this.text = "";
    }
    if (this.bodyToRead && BODY.has(key)) {
      this.bodyToRead = false;
      Object.assign(target, readBodyFields(target.file));
    }
  }

  get(target: LoadedEntry, key: string | symbol): unknown {
    if (key === BODY_UNREAD) return this.bodyToRead;
    this.load(target, key);
    return target[key as keyof LoadedEntry];
  }

  set(target: LoadedEntry, key: string | symbol, value: unknown): boolean {
    this.load(target, key);
    return Reflect.set(target, key, value);
  }

  getOwnPropertyDescriptor(target: LoadedEntry, key: string | symbol): PropertyDescriptor | undefined {
    this.load(target, key);
    return Reflect.getOwnPropertyDescriptor(target, key);
  }

  defineProperty(target: LoadedEntry, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.load(target, key);
    return Reflect.defineProperty(target, key, descriptor);
  }
}

/**
 * An entry whose body and sections are read from its file the first time one of
 * them is used (and, given a decoder, whose title, topic, tags and featured come
 * from `decode(text, at, entry)` the first time one of them is used). To
 * spreading, JSON, Object.keys and equality it is the same as an eagerly read
 * entry: the same own, enumerable keys in the same order.
 */
export function lazyEntry(fields: HeadFields & { date: string; path: string; file: string }, decode?: HeadDecoder, text = "", at = 0): LoadedEntry {
  const { title, topic, date, tags, featured, path, file } = fields;
  const target: LoadedEntry = { title, topic, date, tags, featured, challenge: "", solution: "", takeaway: "", notes: "", body: "", path, file };
  return new Proxy(target, new LazyFields(decode, text, at));
}
