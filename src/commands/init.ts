import fs from "node:fs";
import path from "node:path";
import { UsageError, UserError } from "../errors.js";
import { editConfigText, readConfigText, writeConfigText } from "../journal/config-file.js";
import type { Prompter } from "../ui/prompts.js";
import { configProblem } from "./config.js";
import { fromFlags, readmeValues, type ReadmeFlags } from "./init-readme.js";
import { CONFIG_FILE } from "../journal/config.js";
import { CI_WORKFLOW_PATH, ciWorkflow } from "../readme/ci-workflow.js";
import { PAGES_WORKFLOW_PATH, pagesWorkflow } from "../site/pages-workflow.js";
import { createFileExclusive, replaceFile } from "../journal/safe-write.js";
import { readTemplate } from "../journal/templates.js";
import { realRootOf, refuseOutside } from "../journal/inside.js";
import { enclosingJournal } from "../journal/root.js";
import type { Io } from "../ui/io.js";
import { LOG_ATTRIBUTES, LOG_FILE } from "../review/log-file.js";
import { kindOf, readRegular } from "../journal/regular-file.js";

export interface InitOptions {
  dir?: string | undefined;
  ci: boolean;
  /** Also write the workflow that publishes the site on GitHub Pages. */
  pages?: boolean;
  /** --title, --overview, --github: the README's values, asked on a terminal when none is given. */
  readme?: ReadmeFlags;
}

export const CACHE_IGNORE = ".nexus/";
export const SITE_IGNORE = "/site/";

type Step = { path: string; done: "created" | "kept" | "updated" };

/** A new journal's config, with the README's values when it has some. */
const newConfig = (readme: Record<string, string>) => `${JSON.stringify({ entries: "entries", ...(Object.keys(readme).length ? { readme } : {}) }, null, 2)}\n`;

/** Sets the README's values in a config that is there already, as `nexus config set` does. Returns whether it changed. */
function updateConfig(root: string, readme: Record<string, string>): boolean {
  const config = readConfigText(root);
  let text = config.text;
  for (const [key, value] of Object.entries(readme)) text = editConfigText({ ...config, text, data: JSON.parse(text) as Record<string, unknown> }, ["readme", key], value)!;
  if (text === config.text) return false;
  const problem = configProblem(text);
  if (problem && problem.message !== configProblem(config.text)?.message) throw new UsageError(problem.message, { hint: `${CONFIG_FILE} was not changed` });
  writeConfigText(config, text);
  return true;
}

/** Extra files that `init` writes; the README issue adds the CI workflow here. */
export const initExtras: { when: (o: InitOptions) => boolean; path: string; content: () => string }[] = [
  // --ci: the workflow that runs `build-readme --check` (src/readme/ci-workflow.ts).
  { when: (o) => o.ci, path: CI_WORKFLOW_PATH, content: ciWorkflow },
  // --pages: the workflow that builds the site and deploys it to GitHub Pages (src/site/pages-workflow.ts).
  { when: (o) => o.pages === true, path: PAGES_WORKFLOW_PATH, content: pagesWorkflow },
];

const PART_NAMES = { entries: "entries folder", pages: "generated pages", templates: "templates folder", cache: "cache folder" } as const;

/** A journal inside another's entries, pages, templates or cache would be read as that journal's files. */
function refuseNested(io: Io, root: string): void {
  const outer = enclosingJournal(root);
  if (!outer) return;
  const here = path.relative(io.cwd, root);
  throw new UserError(`${here ? here : "this folder"} is inside the ${PART_NAMES[outer.part]} (${outer.folder}/) of the journal in ${outer.root}: a journal here would be read as part of that one`, {
    hint: `start the new journal in a folder outside ${outer.root}, or keep writing in that one (nexus add)`,
  });
}

/** Every place init writes: a thing of the wrong kind, or a link out of the journal, is an error before anything is made. */
function checkPlaces(root: string, options: InitOptions, extras: string[]): void {
  const shown = (rel: string) => path.join(options.dir ?? ".", rel);
  const files = ["templates/entry.md", "templates/README.md", CONFIG_FILE, ".gitignore", ".gitattributes", ...extras];
  for (const [rel, folderWanted] of [["entries", true], ["templates", true], ...files.map((p) => [p, false] as const)] as const) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(root, rel));
    } catch {
      continue;
    }
    // (A named pipe or a device where a file belongs would be replaced by one: it is in the way too.)
    if (folderWanted ? !stat.isDirectory() : !stat.isFile()) {
      const what = stat.isFile() ? "a file" : kindOf(stat);
      throw new UserError(`${shown(rel)} is ${what}, not a ${folderWanted ? "folder" : "file"}, so the journal is not ready`, {
        hint: "move it out of the way, then run nexus init again",
      });
    }
  }
  // Nothing is written (or read) through a link that leads out of the journal.
  if (!fs.existsSync(root)) return;
  const realRoot = realRootOf(root);
  for (const rel of ["entries", ...files]) refuseOutside(realRoot, path.join(root, rel), shown(rel));
}

/** What init makes, each step noted: created, kept (already there) or updated. */
class Setup {
  readonly steps: Step[] = [];
  constructor(private readonly root: string) {}

  folder(rel: string): void {
    const full = path.join(this.root, rel);
    const there = fs.existsSync(full);
    if (!there) fs.mkdirSync(full, { recursive: true });
    this.steps.push({ path: `${rel}/`, done: there ? "kept" : "created" });
  }

  file(rel: string, content: string): void {
    const full = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    this.steps.push({ path: rel, done: createFileExclusive(full, content) ? "created" : "kept" });
  }

  /**
   * Appends to a file of lines (made when missing) each block that no line already says.
   * Bytes, not text: a file in another encoding is appended to, never re-encoded.
   */
  appendOnce(rel: string, ...wanted: [has: (line: string) => boolean, block: string][]): void {
    const full = path.join(this.root, rel);
    let bytes: Buffer = Buffer.alloc(0);
    try {
      bytes = readRegular(full);
    } catch {
      // Not there yet.
    }
    const text = bytes.toString("latin1");
    const lines = text.split(/\r?\n/);
    const blocks = wanted.filter(([has]) => !lines.some(has)).map(([, block]) => block);
    if (!blocks.length) {
      this.steps.push({ path: rel, done: "kept" });
      return;
    }
    // The file's own line ends: a CRLF file gets CRLF lines, not a mix.
    const eol = /\r\n/.test(text) ? "\r\n" : "\n";
    const separator = text && !text.endsWith("\n") ? "\n" : "";
    replaceFile(full, Buffer.concat([bytes, Buffer.from(`${separator}${blocks.join("")}`.replace(/\n/g, eol))]));
    this.steps.push({ path: rel, done: text ? "updated" : "created" });
  }
}

/** Lines that say what each step did, then what to do next. */
function report(io: Io, root: string, options: InitOptions, steps: Step[], readme: Record<string, string>, configThere: boolean): void {
  const c = io.color;
  const where = path.relative(io.cwd, root) || ".";
  const values = Object.keys(readme).map((k) => `readme.${k}`);
  const notes: Record<string, string> = { [CONFIG_FILE]: values.length ? ` (${values.join(", ")})` : "", ".gitignore": ` (ignores ${CACHE_IGNORE} and ${SITE_IGNORE})`, ".gitattributes": ` (${LOG_ATTRIBUTES})` };
  for (const step of steps) {
    const label = step.done === "kept" ? c.dim("kept   ") : c.green(step.done.padEnd(7));
    const note = step.done === "kept" ? c.dim(" (already there)") : (notes[step.path] ?? "");
    io.out(`${label} ${path.posix.join(where.split(path.sep).join("/"), step.path)}${note}\n`);
  }
  if (!steps.some((s) => s.done !== "kept")) return io.out("\nThe journal was already set up; nothing changed.\n");
  const ask = readme.title || configThere ? "" : `The README's title, overview and contact: nexus config set readme.title "My journal" (or nexus init --title --overview --github)\n`;
  io.out(`\nJournal ready. Next: ${c.bold(`nexus add${options.dir ? ` --dir ${options.dir}` : ""}`)}\n${ask}`);
}

/**
 * Creates a journal: entries/, templates/, nexus.config.json and a .gitignore
 * line for the cache. Never overwrites a file; says what it made and what it kept.
 */
export async function init(io: Io, options: InitOptions, prompter?: Prompter): Promise<number> {
  const root = path.resolve(io.cwd, options.dir ?? ".");
  if (fs.existsSync(root) && !fs.statSync(root).isDirectory()) throw new UserError(`${options.dir} is a file, not a folder`);
  refuseNested(io, root);
  const extras = initExtras.filter((extra) => extra.when(options));
  checkPlaces(root, options, extras.map((extra) => extra.path));
  // The README's values are asked (or checked) before anything is made: Ctrl-C leaves nothing behind.
  const configThere = fs.existsSync(path.join(root, CONFIG_FILE));
  const readme = configThere ? fromFlags(options.readme ?? {}) : await readmeValues(io, root, options.readme ?? {}, prompter);
  fs.mkdirSync(root, { recursive: true });
  const setup = new Setup(root);
  setup.folder("entries");
  setup.file("templates/entry.md", readTemplate(undefined, "entry.md").text);
  setup.file("templates/README.md", readTemplate(undefined, "README.md").text);
  if (configThere && Object.keys(readme).length) setup.steps.push({ path: CONFIG_FILE, done: updateConfig(root, readme) ? "updated" : "kept" });
  else setup.file(CONFIG_FILE, newConfig(readme));
  for (const extra of extras) setup.file(extra.path, extra.content());
  setup.appendOnce(
    ".gitignore",
    [(line) => [".nexus", ".nexus/", "/.nexus", "/.nexus/"].includes(line.trim()), `# nexus's own cache\n${CACHE_IGNORE}\n`],
    [(line) => ["site", "site/", "/site", "/site/"].includes(line.trim()), `# the website nexus build-site makes\n${SITE_IGNORE}\n`],
  );
  // The review log is appended on every machine: git merges it line by line.
  setup.appendOnce(".gitattributes", [(line) => line.trim().split(/\s+/)[0] === LOG_FILE, `# nexus review log: merge the lines of both sides\n${LOG_ATTRIBUTES}\n`]);
  report(io, root, options, setup.steps, readme, configThere);
  return 0;
}
