// A small preview server for the site: files of one folder on 127.0.0.1, 404.html
// (with status 404) for anything else, nothing outside the folder, no listing.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { readRegular } from "../journal/regular-file.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/** The file a request path names inside `root` (index.html for a folder); undefined when none. */
export function fileFor(root: string, urlPath: string, prefix = "/"): string | undefined {
  if (!urlPath.startsWith(prefix)) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.slice(prefix.length).split(/[?#]/)[0]!);
  } catch {
    return undefined;
  }
  if (rel.includes("\0")) return undefined;
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return undefined;
  const candidates = rel === "" || rel.endsWith("/") ? [path.join(full, "index.html")] : [full, `${full}.html`];
  for (const file of candidates) {
    try {
      const stat = fs.lstatSync(file);
      if (stat.isFile()) return file;
    } catch {
      // Next.
    }
  }
  return undefined;
}

/** Serves `root` under `prefix` ("/" or "/repo/"); resolves once listening. */
export function serveFolder(root: string, port: number, prefix = "/"): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const file = fileFor(root, request.url ?? "/", prefix);
    const status = file ? 200 : 404;
    const shown = file ?? path.join(root, "404.html");
    let body: Buffer;
    try {
      body = readRegular(shown);
    } catch {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    response.writeHead(status, { "content-type": TYPES[path.extname(shown)] ?? "application/octet-stream", "content-length": body.length, "cache-control": "no-store" });
    response.end(request.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
