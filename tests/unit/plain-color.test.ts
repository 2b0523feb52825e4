import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { plainColor } from "../../src/ui/plain-color.js";

describe("colours of an uncoloured run", () => {
  it("give what chalk of level 0 gives, chained or not, without loading chalk", async () => {
    const plain = plainColor();
    const chalk = new Chalk({ level: 0 });
    expect(plain.level).toBe(0);
    for (const c of [plain, chalk]) {
      expect(c.bold("a")).toBe("a");
      expect(c.bold.yellow("a", "b")).toBe("a b");
      expect(c.dim.gray.underline(`x${1}`)).toBe("x1");
      expect(c.green(3 as unknown as string)).toBe("3");
    }
    // Never taken for a promise.
    expect(await Promise.resolve(plain)).toBe(plain);
  });
});
