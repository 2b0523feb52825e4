#!/usr/bin/env node
// Node 22.1+ keeps the compiled code of dist/ on disk between runs; older Node has no such cache.
import module from "node:module";
module.enableCompileCache?.();
await import("../dist/cli.js");
