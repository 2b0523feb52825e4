import type { Context } from "./context.js";
import { labels, type LabelsOptions } from "./tags.js";

/** `nexus topics`: each topic with its entry count, most used first; `--rename OLD NEW`. */
export async function topics(ctx: Context, options: LabelsOptions): Promise<number> {
  return labels(ctx, "topic", options);
}
