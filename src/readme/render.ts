// Renders a README template with a journal's entries: the whole document (for a
// new README or --force) and the content of each marker block (for updating an
// existing README). Pure: the same entries, template and config give the same
// bytes on every machine.

import type { JournalConfig } from "../journal/config.js";
import type { LoadedEntry } from "../journal/read.js";
import { tableOfContents } from "./anchors.js";
import { parseMarkers, MarkerError, wrapBlock } from "./markers.js";
import { buildModel, topicKey, type Group } from "./model.js";
import { renderCharts, type ChartImage } from "./charts/charts.js";
import { hrefBetween } from "./links.js";
import { planPages, type GeneratedFiles } from "./pages/plan.js";
import { renderChallenges, renderConfigValue, renderPages, renderStats, shownChallenges, type SectionContext } from "./sections.js";
import { renderTakeaways, renderTopics } from "./topics.js";
import { escapeInline, sanitizeBlock } from "./escape.js";
import { DEFAULT_TITLE, forSize, readmeSettings } from "./settings.js";
import { parseTemplate, TemplateError, type Placeholder, type TemplatePart } from "./template.js";
import { ownFields, summarizeWith, type BodyReader, type Summarize } from "./summary.js";

export interface RenderInput {
  template: string;
  entries: LoadedEntry[];
  config: JournalConfig;
  /** Last day of the charts (a flag); else `readme.chartsUntil`, else the latest entry's date. */
  until?: string | undefined;
  /** How the entries' sections are read (default: their own fields); see summary.ts. */
  readBodies?: BodyReader | undefined;
  /** How the entries' sections in short are made (the summary cache); default: from `readBodies`. */
  summarize?: Summarize | undefined;
}

export interface Rendered {
  /** The whole README, LF line ends. */
  text: string;
  /** Marker name -> content between the markers (LF). */
  blocks: Map<string, string>;
  /** Notes for the user, such as topics the template shows nowhere. */
  warnings: string[];
  /** The generated pages and charts: path relative to the journal root -> a function making its content. */
  pages: GeneratedFiles;
  /** The folder of the pages, relative to the journal root. */
  pagesFolder: string;
  /** Which form the README took: every entry, or a summary past the size budget. */
  form: ReadmeFormChoice;
}

export interface ReadmeFormChoice {
  full: boolean;
  /** The README's size. */
  bytes: number;
  /** The size of the full form (rendered, or estimated when it was far past the budget). */
  fullBytes: number;
  budget: number;
  setting: "auto" | "full" | "summary";
}

const README_PATH = "README.md";


/** The charts as markdown images, linked from the file `from`, with their text alternatives. */
function chartMarkdown(images: ChartImage[], from: string): string {
  return images.map((image) => `![${image.alt}](${hrefBetween(from, image.path)})`).join("\n\n");
}

/** The config's table-of-contents depth: `readme.tocDepth` 2 (default) to 4. */
function tocDepth(config: JournalConfig): number {
  const depth = Number(config.readme.tocDepth ?? 2);
  return Number.isInteger(depth) && depth >= 2 && depth <= 4 ? depth : 2;
}

/** Pads a block's content with a blank line on each side, so markdown around it parses the same. */
const pad = (body: string) => (body ? `\n${body}\n` : "");

/**
 * The size of the full form's lists, from what is known without reading a body: each
 * entry's line (title, link, date, tags) and its takeaway in short. It rules out a
 * journal far past the budget; one near it is rendered and measured.
 */
function fullSizeEstimate(model: ReturnType<typeof buildModel>): number {
  let bytes = 0;
  for (const e of model.entries) bytes += 2 * e.title.length + e.path.length + 12 * e.tags.length + 48 + model.summaries.shortLength(e, "takeaway");
  return bytes;
}

export function renderReadme(input: RenderInput): Rendered {
  const parts = parseTemplate(input.template);
  const base = readmeSettings(input.config);
  const model = buildModel(input.entries, input.config.groups, input.summarize ?? summarizeWith(input.readBodies ?? ownFields), base.topicOrder);
  const settings = forSize(base, model.entries.length);
  const plan = planPages(model, settings.pages);
  const charts = settings.charts ? renderCharts(model, `${settings.pages}/charts`, input.until ?? settings.chartsUntil) : { files: new Map<string, string>(), images: [] };
  for (const [file, svg] of charts.files) plan.files.set(file, () => svg);
  if (charts.images.length) {
    const index = plan.files.get(plan.index.path)!;
    plan.files.set(plan.index.path, () => `${String(index())}\n${chartMarkdown(charts.images, plan.index.path)}\n`);
  }
  const chartsBlock = charts.images.length
    ? [chartMarkdown(charts.images, README_PATH), settings.chartsNote ? sanitizeBlock(settings.chartsNote, { html: true, headings: false }) : ""].filter(Boolean).join("\n\n")
    : "_Charts are off (`readme.charts: false`) or there are no entries yet._";
  const render = (full: boolean) => assemble(parts, { input, model, plan, settings, chartsBlock, full });
  // The full form when it fits the budget (an estimate rules out a journal far past it without rendering it).
  const estimate = fullSizeEstimate(model);
  const tryFull = settings.form === "full" || (settings.form === "auto" && estimate <= 2 * settings.budget);
  let result = render(tryFull);
  let fullBytes = tryFull ? Buffer.byteLength(result.text) : estimate;
  if (tryFull && settings.form === "auto" && fullBytes > settings.budget) {
    result = render(false);
  } else if (!tryFull) fullBytes = Math.max(estimate, Buffer.byteLength(result.text));
  const full = tryFull && result.full;
  return {
    text: result.text,
    blocks: result.blocks,
    warnings: result.warnings,
    pages: plan.files,
    pagesFolder: settings.pages,
    form: { full, bytes: Buffer.byteLength(result.text), fullBytes, budget: settings.budget, setting: settings.form },
  };
}

interface Assembly {
  input: RenderInput;
  model: ReturnType<typeof buildModel>;
  plan: ReturnType<typeof planPages>;
  settings: ReturnType<typeof forSize>;
  chartsBlock: string;
  full: boolean;
}

/** The README in one form: each placeholder's block, the table of contents, the whole text. */
function assemble(parts: TemplatePart[], { input, model, plan, settings, chartsBlock, full }: Assembly): { text: string; blocks: Map<string, string>; warnings: string[]; full: boolean } {
  const warnings: string[] = [];

  const groupsFor = (p: Placeholder): Group[] => {
    if (!p.arg) return model.groups;
    const wanted = topicKey(p.arg);
    const found = model.groups.find((g) => topicKey(g.title) === wanted);
    if (!found) {
      const known = model.groups.filter((g) => g.title).map((g) => `"${g.title}"`);
      throw new TemplateError(
        `{{${p.kind}:${p.arg}}}: no group "${p.arg}" in nexus.config.json${known.length ? ` (groups: ${known.join(", ")})` : " (it names no groups)"}`,
        p.line,
      );
    }
    return [found];
  };

  const takeawayTopics = new Set(
    parts.flatMap((part) => ("placeholder" in part && part.placeholder.kind === "takeaways" ? groupsFor(part.placeholder).flatMap((g) => g.topics.map((t) => topicKey(t.name))) : [])),
  );
  const blocks = new Map<string, string>();
  const shownTopics = new Set<string>();
  let tocPlaceholder: Placeholder | undefined;
  for (const part of parts) {
    if (!("placeholder" in part)) continue;
    const p = part.placeholder;
    const ctx: SectionContext = { model, full, level: p.level, readme: README_PATH, plan, settings, takeawayTopics };
    let body = "";
    switch (p.kind) {
      case "toc":
        tocPlaceholder = p;
        break;
      case "topics":
      case "takeaways": {
        const groups = groupsFor(p);
        for (const g of groups) for (const t of g.topics) shownTopics.add(topicKey(t.name));
        const showTitles = !p.arg && model.grouped;
        body = p.kind === "topics" ? renderTopics(ctx, groups, showTitles) : renderTakeaways(ctx, groups, showTitles);
        break;
      }
      case "challenges":
        body = renderChallenges(ctx);
        break;
      case "stats":
        body = renderStats(ctx);
        break;
      case "pages":
        body = renderPages(ctx);
        break;
      case "charts":
        body = chartsBlock;
        break;
      case "title":
        body = `# ${escapeInline(typeof input.config.readme.title === "string" ? input.config.readme.title : DEFAULT_TITLE)}`;
        break;
      case "config":
        // Own keys only: `{{config.constructor}}` is not a door into JavaScript's objects.
        body = renderConfigValue(Object.hasOwn(input.config.readme, p.arg!) ? input.config.readme[p.arg!] : undefined);
        if (body && p.heading) body = `${p.heading}\n\n${body}`;
        break;
    }
    blocks.set(p.name, pad(body));
  }

  const usesGroups = parts.some((p) => "placeholder" in p && (p.placeholder.kind === "topics" || p.placeholder.kind === "takeaways"));
  if (usesGroups) {
    // A topic whose entries are all challenges the README shows is shown by {{challenges}}.
    const challenges = parts.some((p) => "placeholder" in p && p.placeholder.kind === "challenges")
      ? new Set(shownChallenges(model, settings.challenges).list)
      : new Set<LoadedEntry>();
    const hidden = model.groups.flatMap((g) => g.topics).filter((t) => !shownTopics.has(topicKey(t.name)) && !t.entries.every((e) => challenges.has(e)));
    if (hidden.length) {
      warnings.push(
        `topics shown nowhere in the README: ${hidden.map((t) => t.name).join(", ")} (add them to a group the template shows, or use {{topics}})`,
      );
    }
  }

  const assemble = () => parts.map((part) => ("text" in part ? part.text : wrapBlock(part.placeholder.name, blocks.get(part.placeholder.name) ?? ""))).join("\n");
  let text = assemble();
  if (tocPlaceholder) {
    // The toc's begin marker is on the line after everything before its part.
    const index = parts.findIndex((part) => "placeholder" in part && part.placeholder === tocPlaceholder);
    const before = parts.slice(0, index).map((part) => ("text" in part ? part.text : wrapBlock(part.placeholder.name, blocks.get(part.placeholder.name) ?? "")));
    const beginLine = before.length ? before.join("\n").split("\n").length : 0;
    blocks.set(tocPlaceholder.name, pad(tableOfContents(text, beginLine, tocDepth(input.config))));
    text = assemble();
  }
  // A template written with CRLF line ends makes a README with CRLF line ends.
  if (/\r\n/.test(input.template.slice(0, input.template.indexOf("\n") + 1))) text = text.replace(/\n/g, "\r\n");

  // The result must read back as the same blocks: a template with marker lines of its own fails here.
  try {
    parseMarkers(text);
  } catch (error) {
    if (error instanceof MarkerError) throw new Error(`generated README is invalid at line ${error.line}: ${error.message}`);
    throw error;
  }
  return { text, blocks, warnings, full };
}
