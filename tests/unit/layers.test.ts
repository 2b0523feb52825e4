// The source's arrows point down only (docs/design.md): no module imports one that imports
// it back, however far round, and the lower folders import nothing from the ones above
// them (domain/ is pure; journal/, with the entry cache, knows nothing of search/).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+"(\.{1,2}\/[^"]+)"|import\("(\.{1,2}\/[^"]+)"\)/g;

/** Each source file (relative to src/) → the source files it imports, types too. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of fs.readdirSync(SRC, { recursive: true }).map(String).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(SRC, file), "utf8");
    const targets = [...text.matchAll(IMPORT)].map((m) => path.join(path.dirname(file), m[1] ?? m[2]!).replace(/\.js$/, ".ts"));
    graph.set(file, targets);
  }
  return graph;
}

const folderOf = (file: string): string => (file.includes(path.sep) ? file.split(path.sep)[0]! : "");

/** The import cycles of a graph, each as the files round it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("the layers of src/", () => {
  const graph = importGraph();

  it("reads the imports it checks", () => {
    expect(graph.get(path.join("search", "read.ts"))).toContain(path.join("journal", "cache.ts"));
  });

  it("has no import cycle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("keeps domain/ and journal/ below the rest", () => {
    // The modules at the top of src/ that any layer may use (cli.ts is the top of them all).
    const base = ["errors.ts", "package-paths.ts"];
    const below: Record<string, string[]> = { domain: ["domain"], journal: ["journal", "domain"] };
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const allowed = below[folderOf(file)];
      if (!allowed) continue;
      for (const target of targets) if (!allowed.includes(folderOf(target)) && !base.includes(target)) upward.push(`${file} -> ${target}`);
    }
    expect(upward).toEqual([]);
  });
});
