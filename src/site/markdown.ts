// An entry's markdown as safe HTML. marked renders it (GitHub-flavoured); code blocks
// are highlighted here, at build time, by highlight.js (a cache keyed by the code's
// hash spares doing it twice); sanitize-html then keeps only an allow-list of tags
// and attributes like GitHub's: no script, no event attribute, no style, no
// `javascript:` link. Entries may come from strangers.
//
// Links: to another entry's file (`2024-01-02-x.md`), a mark that the page turns
// into a link to that entry's page (markLink / resolveEntryLinks); to anything
// else in the repository, or to a fragment, none (the site has no such page); to
// the web, with rel="noopener noreferrer nofollow". Images from the web would be
// fetched from a stranger's server on every visit: they become links.
import { createHash } from "node:crypto";
import hljs from "highlight.js/lib/common";
import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { cleanText, escapeHtml } from "./text.js";

/** Code highlighted, by hash of its language and text. */
export interface HighlightCache {
  get(key: string): string | undefined;
  set(key: string, html: string): unknown;
}

const ENTRY_MARK = "#nexus-entry=";
const WEB = /^(https?:\/\/|mailto:)/i;

/** The journal path a relative link from `fromPath` points at ("" when outside the journal). */
function resolvePath(fromPath: string, href: string): string {
  const target = decodeURIComponentSafe(href.replace(/[?#].*$/, ""));
  const parts = fromPath.split("/").slice(0, -1);
  for (const part of target.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (!parts.length) return "";
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function highlightCode(code: string, lang: string, cache: HighlightCache, codes?: string[]): string {
  const language = lang && hljs.getLanguage(lang) ? lang : "";
  if (!language) return escapeHtml(code);
  const key = createHash("sha256").update(`${hljs.versionString}\u0000${language}\u0000${code}`).digest("base64url").slice(0, 22);
  codes?.push(key);
  let html = cache.get(key);
  if (html === undefined) {
    html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
    cache.set(key, html);
  }
  return html;
}

/** Heading levels of a section from h3 down, in order, none skipped (a section sits under an h2). */
function headingLevels(tokens: { type: string; depth?: number }[]): Map<number, number> {
  const depths = [...new Set(tokens.filter((t) => t.type === "heading").map((t) => t.depth!))].sort();
  return new Map(depths.map((d, i) => [d, Math.min(6, 3 + i)]));
}

const ALLOWED_TAGS = [
  "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "kbd", "samp", "var", "b", "i", "strong", "em",
  "del", "s", "ins", "sup", "sub", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th",
  "td", "a", "details", "summary", "span", "abbr", "q", "cite", "mark", "small", "ruby", "rt", "rp", "caption",
];

type Attributes = Record<string, string>;
type Tag = { tagName: string; attribs: Attributes; text?: string };

function sanitizeOptions(fromPath: string): sanitizeHtml.IOptions {
  const cell = (tagName: string, attribs: Attributes): Tag => {
    const align = attribs.align;
    return { tagName, attribs: align === "left" || align === "center" || align === "right" ? { class: `align-${align}` } : {} };
  };
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ["href", "title", "rel"], abbr: ["title"], ol: ["start"], code: ["class"], span: ["class", "role", "aria-label"], th: ["class"], td: ["class"], details: ["open"] },
    allowedClasses: { code: ["hljs", "language-*"], span: ["hljs-*", "task"], th: ["align-*"], td: ["align-*"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesAppliedToAttributes: ["href"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    transformTags: {
      a: (tagName, attribs): Tag => {
        const href = (attribs.href ?? "").trim();
        const title: Attributes = attribs.title ? { title: attribs.title } : {};
        if (WEB.test(href)) return { tagName, attribs: { href, ...title, rel: "noopener noreferrer nofollow" } };
        const target = href && !href.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(href) ? resolvePath(fromPath, href) : "";
        if (target.toLowerCase().endsWith(".md")) return { tagName, attribs: { href: ENTRY_MARK + encodeURIComponent(target), ...title } };
        return { tagName, attribs: title };
      },
      img: (_tagName, attribs): Tag => {
        const src = (attribs.src ?? "").trim();
        const text = attribs.alt || attribs.title || "image";
        if (/^https?:\/\//i.test(src)) return { tagName: "a", attribs: { href: src, rel: "noopener noreferrer nofollow" }, text: `[image: ${text}]` };
        return { tagName: "span", attribs: {}, text: `[image: ${text}]` };
      },
      input: (_tagName, attribs): Tag => {
        const checked = attribs.checked !== undefined;
        return { tagName: "span", attribs: { class: "task", role: "img", "aria-label": checked ? "done" : "to do" }, text: checked ? "☑" : "☐" };
      },
      th: cell,
      td: cell,
    },
  };
}

/**
 * An entry's section (markdown) as safe HTML. `fromPath`: the entry's path in the
 * journal, for its relative links; `codes` collects the cache keys of its code.
 */
export function renderMarkdown(markdown: string, fromPath: string, cache: HighlightCache, codes?: string[]): string {
  const marked = new Marked({ gfm: true, async: false });
  const source = cleanText(markdown);
  const levels = headingLevels(marked.lexer(source));
  marked.use({
    walkTokens: (token) => {
      if (token.type === "heading") (token as Tokens.Heading).depth = levels.get((token as Tokens.Heading).depth) ?? 6;
    },
    renderer: {
      code: ({ text, lang }: Tokens.Code) => {
        const language = (lang ?? "").trim().split(/\s+/)[0]!.toLowerCase();
        const known = language && hljs.getLanguage(language) ? language : "";
        const cls = known ? ` class="hljs language-${escapeHtml(known)}"` : "";
        return `<pre><code${cls}>${highlightCode(text.replace(/\n$/, ""), known, cache, codes)}</code></pre>\n`;
      },
    },
  });
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, sanitizeOptions(fromPath)).trim();
}

/** The entry paths that some rendered HTML links to. */
export function linkedPaths(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/href="#nexus-entry=([^"]*)"/g)) out.push(decodeURIComponentSafe(m[1]!));
  return out;
}

/** Rendered HTML with each link to an entry's file pointing at its page (`hrefOf`), or at nothing when it is no entry. */
export function resolveEntryLinks(html: string, hrefOf: (path: string) => string | undefined): string {
  return html.replace(/<a href="#nexus-entry=([^"]*)"/g, (_all, encoded: string) => {
    const href = hrefOf(decodeURIComponentSafe(encoded));
    return href === undefined ? "<a" : `<a href="${escapeHtml(href)}"`;
  });
}
