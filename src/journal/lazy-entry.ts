// Entries whose body is read from the file only when something asks for it: the
// cache keeps titles, topics, dates and tags, never bodies.
import fs from "node:fs";
import { splitFile, stripBom } from "../domain/frontmatter.js";
import { splitSections } from "../domain/sections.js";
import { decodeEntryBytes, type LoadedEntry } from "./entry-file.js";

export type BodyFields = Pick<LoadedEntry, "challenge" | "solution" | "takeaway" | "notes" | "body">;
const BODY_KEYS = ["challenge", "solution", "takeaway", "notes", "body"] as const;
const NO_BODY: BodyFields = { challenge: "", solution: "", takeaway: "", notes: "", body: "" };

/** Reads the body and sections of an entry file the way parseEntry does, without the YAML. */
export function readBodyFields(file: string): BodyFields {
  try {
    const decoded = decodeEntryBytes(fs.readFileSync(file));
    if ("problem" in decoded) return NO_BODY;
    const text = stripBom(decoded.text);
    const body = text.slice(splitFile(text).bodyOffset).replace(/\r\n/g, "\n");
    const { challenge, solution, takeaway, notes } = splitSections(body);
    return { challenge, solution, takeaway, notes, body };
  } catch {
    return NO_BODY;
  }
}

const LAZY: ReadonlySet<string | symbol> = new Set(BODY_KEYS);
const loaded = new WeakSet<LoadedEntry>();

function load(target: LoadedEntry): void {
  if (loaded.has(target)) return;
  loaded.add(target);
  Object.assign(target, readBodyFields(target.file));
}

// Every trap that can reveal a body field loads the body first. Creating a proxy
// costs about as much as a plain object; own accessors cost 3 to 20 times more.
const lazyHandler: ProxyHandler<LoadedEntry> = {
  get(target, key) {
    if (LAZY.has(key)) load(target);
    return target[key as keyof LoadedEntry];
  },
  set(target, key, value) {
    if (LAZY.has(key)) load(target);
    return Reflect.set(target, key, value);
  },
  getOwnPropertyDescriptor(target, key) {
    if (LAZY.has(key)) load(target);
    return Reflect.getOwnPropertyDescriptor(target, key);
  },
  defineProperty(target, key, descriptor) {
    if (LAZY.has(key)) load(target);
    return Reflect.defineProperty(target, key, descriptor);
  },
};

/**
 * An entry whose body and sections are read from its file the first time one of
 * them is used. To spreading, JSON, Object.keys and equality it is the same as an
 * eagerly read entry: the same own, enumerable keys in the same order.
 */
export function lazyEntry(title: string, topic: string, date: string, tags: string[], featured: boolean, path: string, file: string): LoadedEntry {
  const target: LoadedEntry = { title, topic, date, tags, featured, challenge: "", solution: "", takeaway: "", notes: "", body: "", path, file };
  return new Proxy(target, lazyHandler);
}
