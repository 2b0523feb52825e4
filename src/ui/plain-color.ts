// Colour functions that colour nothing, in the shape of a chalk instance of level 0,
// for a run whose output is not coloured (a pipe, a file, NO_COLOR): loading chalk,
// which looks at the terminal as it loads, is a good part of a short command's time.
import type { ChalkInstance } from "chalk";

/**
 * A stand-in for `new Chalk({ level: 0 })`: every style (`c.bold`, `c.bold.yellow`)
 * is itself again, and calling one joins its arguments with spaces, as chalk does.
 */
export function plainColor(): ChalkInstance {
  const paint = (...text: unknown[]): string => text.join(" ");
  const color: ChalkInstance = new Proxy(paint, {
    // Not a promise: `then` is not a style.
    get: (target, key) => (key === "level" ? 0 : key === "then" ? undefined : key in target ? Reflect.get(target, key) : color),
    set: () => false,
  }) as unknown as ChalkInstance;
  return color;
}
