// A regular expression made on first use, from a string. V8 parses a pattern when the RegExp
// is made, and also, for a literal, when it compiles the module without a code cache (Node 20
// always; Node 22 and 24 after each build): one with Unicode property classes (\p{L},
// \p{Script=Han}) is expanded into thousands of ranges as it is parsed (~1 ms each on Node 24).
// As literals at the top of a module, they would cost every run that loads the module,
// whether it uses them or not.

/** The RegExp of `source` and `flags`, made the first time it is asked for and the same object after (lastIndex and all). */
export function lazyRegExp(source: string, flags = ""): () => RegExp {
  let made: RegExp | undefined;
  return () => (made ??= new RegExp(source, flags));
}
