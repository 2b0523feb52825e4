import { execFileSync } from "node:child_process";
import path from "node:path";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { fileSlug, pageSlug, slugify } from "../../src/domain/slug.js";
import { buildSiteModel, type EntryMeta } from "../../src/site/model.js";
import { daysInMonth, isCalendarDate, parseDateArgument, today } from "../../src/domain/dates.js";
import { REPO_ROOT } from "../helpers.js";

describe("slugify", () => {
  it.each([
    ["Fixing N+1 queries in list views", "fixing-n-1-queries-in-list-views"],
    ["Crème brûlée & Straße", "creme-brulee-straße".replace("ß", "ss")],
    ["  Lots   of   space  ", "lots-of-space"],
    ["C++ and C# tips", "cpp-and-csharp-tips"],
    ["../../etc/passwd", "etc-passwd"],
    ["a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j"],
    ["Ærø Łódź Øresund", "aero-lodz-oresund"],
    ["STRAẞE Straße", "strasse-strasse"],
  ])("%s -> %s", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("gives titles without Latin letters a safe, stable, distinct name", () => {
    for (const title of ["!!!", "日本語のメモ", "Привет мир", "🙂🙂", "....."]) {
      expect(slugify(title)).toMatch(/^entry-[0-9a-f]{8}$/);
      expect(slugify(title)).toBe(slugify(title));
    }
    expect(slugify("日本語のメモ")).not.toBe(slugify("中文笔记"));
  });

  it("never yields a path separator, a dot segment or an overlong name", () => {
    const long = "word ".repeat(100);
    expect(slugify(long).length).toBeLessThanOrEqual(60);
    for (const title of ["..", ".", "/", "\\", "a/../b", "\u0000x"]) {
      expect(slugify(title)).toMatch(/^[a-z0-9-]+$/);
    }
  });
});

describe("pageSlug (the site's entry pages)", () => {
  it("is slugify's for a Latin name, and keeps a hash of a name with other words, so two names of a day never share a page", () => {
    expect(pageSlug("2026-12-01-fixing-n-1-queries")).toBe("2026-12-01-fixing-n-1-queries");
    expect(pageSlug("Crème-brûlée")).toBe("creme-brulee");
    const tokyo = pageSlug("2026-12-01-東京タワーの高さ");
    expect(tokyo).toMatch(/^2026-12-01-[0-9a-f]{8}$/);
    expect(pageSlug("2026-12-01-東京タワーの高さ".normalize("NFD"))).toBe(tokyo);
    expect(pageSlug("2026-12-01-あいう")).not.toBe(tokyo);
    expect(pageSlug("cafe-が")).toMatch(/^cafe-[0-9a-f]{8}$/);
    expect(pageSlug("日本語")).toMatch(/^entry-[0-9a-f]{8}$/);
    expect(pageSlug(`${"word-".repeat(30)}語`)).toMatch(/^[a-z0-9-]{1,60}$/);
  });

  it("gives an entry's page the same name when an entry of the same day is added", () => {
    const meta = (name: string): EntryMeta => ({ title: name, topic: "X", tags: [], date: "2026-12-01", featured: false, path: `entries/2026-12-01-${name}.md` });
    const pageOf = (metas: EntryMeta[]) => buildSiteModel(metas).entries.find((e) => e.meta.title === "東京タワーの高さ")!.page;
    const before = pageOf([meta("東京タワーの高さ")]);
    expect(pageOf([meta("東京タワーの高さ"), meta("あいう"), meta("ガイド")])).toBe(before);
  });

  it("gives a topic's page the same name when a topic of the same Latin words is added (Django и ORM, Django ORM)", () => {
    const meta = (topic: string, n: number): EntryMeta => ({ title: `t${n}`, topic, tags: [], date: "2026-12-01", featured: false, path: `entries/2026-12-01-t${n}.md` });
    const pageOf = (metas: EntryMeta[]) => buildSiteModel(metas).topics.find((t) => t.name === "Django и ORM")!.page;
    const before = pageOf([meta("Django и ORM", 1)]);
    expect(pageOf([meta("Django и ORM", 1), meta("Django ORM", 2)])).toBe(before);
    expect(buildSiteModel([meta("日本", 1)]).topics[0]!.page).toBe(`topics/${slugify("日本")}.html`);
  });
});

describe("fileSlug (entry file names)", () => {
  it.each([
    ["日本語のメモ", "日本語のメモ"],
    ["Привет мир", "привет-мир"],
    ["Django и ORM", "django-и-orm"],
    ["한국어 공부", "한국어-공부"],
    ["العربية للمبتدئين", "العربية-للمبتدئين"],
    ["हिन्दी सीखना", "हिन्दी-सीखना"],
    // Decomposed (NFD) kana come back composed: one name for the title typed either way.
    ["\u30ab\u3099\u30ad\u3099", "ガギ"],
    // Bidi controls, zero-width joiners and emoji are no part of a name.
    ["\u202eevil\u202c 🙂 title\u200d", "evil-title"],
  ])("%s -> %s", (title, slug) => {
    expect(fileSlug(title)).toBe(slug);
    expect(fileSlug(title)).toBe(fileSlug(title).normalize("NFC"));
  });

  it("is slugify's slug for a Latin title, and a hash where no letter is left", () => {
    for (const title of ["Fixing N+1 queries in list views", "Crème brûlée & Straße", "C++ and C# tips", "../../etc/passwd", "ｆｕｌｌｗｉｄｔｈ"]) expect(fileSlug(title)).toBe(slugify(title));
    for (const title of ["!!!", "🙂🙂", "....."]) expect(fileSlug(title)).toMatch(/^entry-[0-9a-f]{8}$/);
  });

  it("never yields a separator, a dot, a control character, half a character or an overlong name", () => {
    for (const title of ["中文".repeat(40), "\u{20000}".repeat(40), "a/../b 東京", "東京\u0000/\\..x", "é".normalize("NFD").repeat(70)]) {
      const slug = fileSlug(title);
      expect(slug.length, title).toBeLessThanOrEqual(60);
      expect(slug, title).toMatch(/^[\p{L}\p{N}\p{M}-]+$/u);
      expect(slug, title).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
  });
});

describe("dates", () => {
  it("knows calendar dates", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-1-1")).toBe(false);
    // Exactly ten characters, ASCII digits and two hyphens, years 1000 to 9999, days 1 to the month's last.
    for (const bad of ["2026-01-1 ", " 2026-01-01", "2026/01/01", "2026-01-0a", "2026-0-101", "0999-12-31", "2026-00-10", "2026-01-00", "2026-01-32", "２０２６-01-01", "2026-01-01\n", "+026-01-01", "2026-1e-01", "2026--1-01"]) {
      expect(isCalendarDate(bad), bad).toBe(false);
    }
    for (const good of ["1000-01-01", "9999-12-31", "2000-02-29", "2026-04-30"]) expect(isCalendarDate(good), good).toBe(true);
    expect(parseDateArgument("2026-04-31")).toBeUndefined();
    expect(parseDateArgument("today", new Date(2026, 0, 1, 23, 59))).toBe("2026-01-01");
    expect(parseDateArgument("yesterday", new Date(2026, 0, 1, 0, 1))).toBe("2025-12-31");
    expect(today(new Date(2026, 10, 27, 0, 0))).toBe("2026-11-27");
  });

  it("counts the days of every month as the Gregorian calendar does (leap years by 4, 100 and 400)", () => {
    for (const year of [1000, 1600, 1700, 1900, 2000, 2023, 2024, 2100, 2400, 9999]) {
      for (let month = 1; month <= 12; month += 1) {
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        expect(daysInMonth(year, month), `${year}-${month}`).toBe(last);
      }
    }
  });

  // dist/ holds the bundled CLI, not one file per module: the parser is bundled on its own here.
  // Written under node_modules/ so that it finds the packages the parser imports.
  const parser = path.join(REPO_ROOT, "node_modules", ".cache", "nexus-tests", `entry-${process.pid}.mjs`);
  buildSync({ entryPoints: [`${REPO_ROOT}src/domain/entry.ts`], outfile: parser, bundle: true, format: "esm", platform: "node", packages: "external", absWorkingDir: REPO_ROOT, logLevel: "error" });

  it.each(["America/Los_Angeles", "Pacific/Kiritimati", "Asia/Kolkata", "UTC"])(
    "a parsed date stays the same day under TZ=%s",
    (tz) => {
      const script = `
        const { parseEntry } = await import(${JSON.stringify(parser)});
        const r = parseEntry("---\\ntitle: T\\ntopic: X\\ndate: 2025-01-01\\n---\\n");
        process.stdout.write(r.entry.date);`;
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, TZ: tz } });
      expect(out.toString()).toBe("2025-01-01");
    },
  );
});
