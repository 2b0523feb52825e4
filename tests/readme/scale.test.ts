// A journal of 10,000 entries, built once: the README stays bounded, every entry is
// two links from it, every link resolves, large pages are split (pages.test.ts checks
// the same bytes in another time zone on a small journal). Timing is not asserted here: `npm run bench` prints it.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTree, runCli } from "../helpers.js";
import { checkXml, fileLinks } from "./links-check.js";

const SIZE = 10_000;
const TOPICS = ["Django", "Celery", "Redis", "PostgreSQL", "Docker", "Python", "REST APIs", "GraphQL", "Testing", "Security", "Caching", "CI/CD", "Kubernetes", "Nginx", "Go", "Rust", "数据库", "🚀 Launches", "../../x", "<script>"];
const WORDS = "the query ran slow because every row loaded its related objects so we added an index and measured again before shipping".split(" ");

function text(i: number, words: number): string {
  const out: string[] = [];
  for (let w = 0; w < words; w += 1) out.push(WORDS[(i * 7 + w * 13) % WORDS.length]!);
  return `${out.join(" ")}.`;
}

let dir = "";
let built = { code: 0 as number | null, stdout: "", stderr: "" };

beforeAll(async () => {
  const files: Record<string, string> = { "nexus.config.json": JSON.stringify({ groups: [{ title: "Core", topics: ["Python", "Django"] }] }) };
  for (let i = 0; i < SIZE; i += 1) {
    const day = new Date(Date.UTC(2019, 0, 1) + ((i * 7919) % 2900) * 86_400_000).toISOString().slice(0, 10);
    const topic = TOPICS[(i * 31) % TOPICS.length]!;
    files[`entries/${day}-entry-${i}.md`] =
      `---\ntitle: "Entry ${i}: ${WORDS[i % WORDS.length]} [x] | *y*"\ntopic: ${JSON.stringify(topic)}\ndate: ${day}\ntags: [t${i % 40}, t${i % 7}]\n${i % 997 === 0 ? "featured: true\n" : ""}---\n` +
      `## Challenge\n\n${text(i, 60)}\n\n## Solution\n\n${text(i + 1, 90)}\n\n- ${text(i + 2, 8)}\n\n## Takeaway\n\n${text(i + 3, 30)}\n`;
  }
  dir = makeTree(files);
  built = await runCli(["build-readme"], { cwd: dir, timeoutMs: 120_000 });
}, 180_000);

const generated = () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "journal/.nexus-manifest.json"), "utf8")) as { files: string[] };
  return manifest.files.map((f) => path.join(dir, "journal", f));
};

describe(`a journal of ${SIZE} entries`, () => {
  it("builds a README under 256,000 bytes and no file over 512,000 bytes", () => {
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    expect(fs.statSync(path.join(dir, "README.md")).size).toBeLessThan(256_000);
    for (const file of generated()) expect(fs.statSync(file).size, file).toBeLessThan(512_000);
  });

  it("reaches every entry from the README within two links, and every link resolves", () => {
    const readme = path.join(dir, "README.md");
    const first = fileLinks(readme);
    const reached = new Set(first);
    for (const page of first.filter((f) => f.endsWith(".md") && f.startsWith(path.join(dir, "journal")))) for (const target of fileLinks(page)) reached.add(target);
    const entries = fs.readdirSync(path.join(dir, "entries")).map((f) => path.join(dir, "entries", f));
    expect(entries.filter((e) => !reached.has(e))).toEqual([]);
    for (const file of [readme, ...generated().filter((f) => f.endsWith(".md"))]) {
      for (const target of fileLinks(file)) expect(fs.existsSync(target), `${file} -> ${target}`).toBe(true);
    }
  });

  it("splits the large pages into parts, linked from their page and from each other", () => {
    const topics = fs.readdirSync(path.join(dir, "journal/topics"));
    const parts = topics.filter((f) => f.includes("--"));
    expect(parts.length).toBeGreaterThan(0);
    const main = `${parts[0]!.split("--")[0]}.md`;
    const mainText = fs.readFileSync(path.join(dir, "journal/topics", main), "utf8");
    for (const part of parts.filter((p) => p.startsWith(main.replace(/\.md$/, "--")))) {
      expect(mainText).toContain(`(${part})`);
      expect(fs.readFileSync(path.join(dir, "journal/topics", part), "utf8")).toContain(`(${main})`);
    }
  });

  it("writes small charts that parse as XML with a title", () => {
    for (const file of generated().filter((f) => f.endsWith(".svg"))) {
      const svg = fs.readFileSync(file, "utf8");
      expect(svg.length).toBeLessThan(100_000);
      checkXml(svg);
      expect(svg).toMatch(/<title id="title">[^<]+<\/title>/);
    }
  });
});
