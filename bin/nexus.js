#!/usr/bin/env node
// Node 22.1+ keeps the compiled code of dist/ on disk between runs; older Node has no such cache.
import module from "node:module";
import v8 from "node:v8";
module.enableCompileCache?.();
// V8 doubles its young generation each time most of it survives a collection, as
// nexus's objects do (read once, kept to the end). Memory used for the first time
// costs more than collecting more often (on a virtual machine a new page can cost
// 10 to 20 microseconds): the young generation keeps its first size (the flag is
// read each time it would grow). `list` of 10,000 entries touches 900 fewer pages.
// (src/tuning.ts lets it grow again when many files are parsed.)
v8.setFlagsFromString("--semi-space-growth-factor=1");
await import("../dist/cli.js");
