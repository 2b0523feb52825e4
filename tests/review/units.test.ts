// The pure core of review: the log's lines, replay through FSRS, due selection, figures.
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { dayStart, localDay, ratingInstant, shortInterval } from "../../src/review/days.js";
import { formatEvent, orderEvents, parseLog, type LogEvent } from "../../src/review/log.js";
import { dueQueue, reviewFigures } from "../../src/review/queue.js";
import { pathResolver, preview, rate, rateInPlace, replay, scheduler } from "../../src/review/replay.js";
import { reviewSettings } from "../../src/review/settings.js";

const at = (iso: string) => Date.parse(iso);
const event = (iso: string, rating: LogEvent["rating"], path: string, line = 1): LogEvent => ({ at: at(iso), rating, path, line });
const entry = (path: string, date = "2026-01-01", topic = "Django") => ({ path, title: path, topic, date, tags: [] as string[] });

describe("the log's lines", () => {
  it("reads ratings, skips comments and blank lines, reports damage by line", () => {
    const text = [
      "# header",
      "2026-01-05T09:30:00.000Z\tgood\tentries/a.md",
      "",
      "2026-01-06T09:30:00Z\teasy\tentries/sub/b c.md\r",
      "not a line",
      "2026-13-01T00:00:00.000Z\tgood\tentries/a.md",
      "2026-01-05T09:30:00.000Z\tsuper\tentries/a.md",
      "2026-01-05T09:30:00.000Z\tgood\t../secret.md",
      "<<<<<<< HEAD",
    ].join("\n");
    const { events, damage } = parseLog(text);
    expect(events.map((e) => [e.line, e.rating, e.path])).toEqual([
      [2, "good", "entries/a.md"],
      [4, "easy", "entries/sub/b c.md"],
    ]);
    expect(damage.map((d) => d.line)).toEqual([5, 6, 7, 8, 9]);
    expect(damage[0]!.message).toContain("TIME<TAB>RATING<TAB>ENTRY");
    expect(damage[1]!.message).toContain("not a UTC time");
    expect(damage[2]!.message).toContain("not a rating");
    expect(damage[3]!.message).toContain("leaves the journal");
    expect(damage[4]!.message).toContain("merge=union");
  });

  it("writes lines it reads back, in any script", () => {
    const e = { at: at("2026-03-01T10:00:00.123Z"), rating: "hard" as const, path: "entries/2026-03-01-中文 🚀.md" };
    const back = parseLog(`${formatEvent(e)}\n`).events[0]!;
    expect({ at: back.at, rating: back.rating, path: back.path }).toEqual(e);
    expect(() => formatEvent({ ...e, path: "entries/a\tb.md" })).toThrow(/control character/);
  });

  it("orders by time, whatever the order of the lines, and counts a duplicated line once", () => {
    const events = [
      event("2026-01-07T00:00:00Z", "good", "a", 1),
      event("2026-01-05T00:00:00Z", "again", "a", 2),
      event("2026-01-07T00:00:00Z", "good", "a", 3),
      event("2026-01-06T00:00:00Z", "hard", "b", 4),
    ];
    expect(orderEvents(events).map((e) => e.line)).toEqual([2, 4, 1]);
  });
});

describe("replay through FSRS", () => {
  const f = scheduler(0.9);
  const ratings: [string, LogEvent["rating"], Grade][] = [
    ["2026-01-05T09:00:00.000Z", "good", Rating.Good],
    ["2026-01-05T09:12:00.000Z", "good", Rating.Good],
    ["2026-01-08T18:00:00.000Z", "hard", Rating.Hard],
    ["2026-01-20T07:30:00.000Z", "again", Rating.Again],
    ["2026-01-20T07:45:00.000Z", "good", Rating.Good],
    ["2026-01-23T12:00:00.000Z", "easy", Rating.Easy],
    ["2026-03-02T12:00:00.000Z", "good", Rating.Good],
  ];

  it("gives the due dates ts-fsrs computes directly for the same ratings", () => {
    const direct = fsrs(generatorParameters({ request_retention: 0.9 }));
    let card: Card = createEmptyCard(new Date(ratings[0]![0]));
    const expected: string[] = [];
    const nexusDue: string[] = [];
    ratings.forEach(([time, name, grade], i) => {
      card = direct.next(card, new Date(time), grade).card;
      expected.push(card.due.toISOString());
      const events = ratings.slice(0, i + 1).map(([t, r], j) => event(t, r, "entries/a.md", j + 1));
      nexusDue.push(replay(events, ["entries/a.md"], f).cards.get("entries/a.md")!.card.due.toISOString());
      expect(name).toBeTruthy();
    });
    expect(nexusDue).toEqual(expected);
    // Days apart by now, not minutes: the sequence went through learning, review and relearning.
    expect(new Set(expected).size).toBe(expected.length);
    const last = replay(ratings.map(([t, r], j) => event(t, r, "entries/a.md", j + 1)), ["entries/a.md"], f).cards.get("entries/a.md")!;
    expect(last.card.lapses).toBe(1);
    expect(last.card.reps).toBe(ratings.length);
  });

  it("gives the same states when the lines come reversed and duplicated (a union merge)", () => {
    const lines = ratings.map(([t, r], j) => event(t, r, "entries/a.md", j + 1));
    const merged = [...lines].reverse().concat(lines.slice(2, 4)).map((e, i) => ({ ...e, line: i + 1 }));
    const a = replay(lines, ["entries/a.md"], f).cards.get("entries/a.md")!.card;
    const b = replay(merged, ["entries/a.md"], f).cards.get("entries/a.md")!.card;
    expect(b).toEqual(a);
  });

  it("a desired retention of 0.8 schedules further out than 0.95", () => {
    const events = ratings.slice(0, 3).map(([t, r], j) => event(t, r, "a", j + 1));
    const low = replay(events, ["a"], scheduler(0.8)).cards.get("a")!.card.due.getTime();
    const high = replay(events, ["a"], scheduler(0.95)).cards.get("a")!.card.due.getTime();
    expect(low).toBeGreaterThan(high);
  });

  it("keeps the history of an entry moved to another folder; lines of a removed one are orphans", () => {
    const events = [event("2026-01-05T09:00:00Z", "good", "entries/a.md", 1), event("2026-01-05T09:00:00Z", "good", "entries/gone.md", 2)];
    const r = replay(events, ["entries/2026/a.md", "entries/b.md"], f);
    expect([...r.cards.keys()]).toEqual(["entries/2026/a.md"]);
    expect(r.orphans).toEqual([{ path: "entries/gone.md", lines: [2] }]);
    // NFD in the log, NFC on disk (or the other way): the same entry.
    expect(pathResolver(["entries/café.md".normalize("NFC")])("entries/café.md".normalize("NFD"))).toBe("entries/café.md".normalize("NFC"));
    // Two entries with that file name: no guess.
    expect(pathResolver(["x/a.md", "y/a.md"])("entries/a.md")).toBeUndefined();
  });

  it("previews what each rating would schedule, shortest for again", () => {
    const next = preview({ events: [], paths: ["a"], f }, "a", at("2026-01-05T09:00:00Z"));
    const waits = (["again", "hard", "good", "easy"] as const).map((r) => next[r].due.getTime());
    expect([...waits].sort((x, y) => x - y)).toEqual(waits);
    expect(shortInterval(next.again.due.getTime() - at("2026-01-05T09:00:00Z"))).toBe("1m");
  });
});

describe("a rating among the logged ones (report 2026-12-06 defect 3)", () => {
  const f = scheduler(0.9);
  const logged = [event("2026-01-10T09:00:00Z", "good", "a", 1), event("2026-01-20T09:00:00Z", "hard", "a", 2), event("2026-01-12T09:00:00Z", "easy", "b", 3)];
  const log = { events: logged, paths: ["a", "b"], f };

  it("a back-filled rating is replayed in its place: the answer of the whole log replayed with it", () => {
    const back = { at: at("2026-01-05T12:00:00Z"), rating: "again" as const, path: "a", line: 4 };
    const history = rateInPlace(log, "a", "again", back.at);
    const whole = replay([...logged, back], ["a", "b"], f).cards.get("a")!;
    expect(history.times).toEqual([back.at, at("2026-01-10T09:00:00Z"), at("2026-01-20T09:00:00Z")]);
    expect(history.card.due.getTime()).toBe(whole.card.due.getTime());
    // rate() on top of the replayed card is what FSRS refuses.
    expect(() => rate(replay(logged, ["a"], f).cards.get("a"), "again", back.at, f)).toThrow(/delta_t/);
  });

  it("a log line from the future: a rating now and its preview go before it, other cards are not touched", () => {
    const future = { events: [...logged, event("2099-01-01T00:00:00Z", "good", "a", 9)], paths: ["a", "b"], f };
    const now = at("2026-02-01T09:00:00Z");
    expect(rateInPlace(future, "a", "good", now).times.at(-1)).toBe(at("2099-01-01T00:00:00Z"));
    const next = preview(future, "a", now);
    expect(next.again.due.getTime()).toBeGreaterThan(at("2099-01-01T00:00:00Z"));
    expect(rateInPlace(future, "b", "good", now).times).toEqual([at("2026-01-12T09:00:00Z"), now]);
    expect(rateInPlace(future, "new", "good", now).times).toEqual([now]);
  });
});

describe("what is due on a day", () => {
  const f = scheduler(0.9);

  it("due cards first (oldest due first), then new cards, oldest entry first, up to the day's limit", () => {
    const entries = [entry("n1", "2026-01-03"), entry("old"), entry("n2", "2026-01-02"), entry("recent"), entry("n3", "2026-01-04"), entry("later")];
    const cards = replay(
      [
        event("2026-01-01T10:00:00Z", "good", "recent", 1),
        event("2025-12-20T10:00:00Z", "good", "old", 2),
        event("2026-01-01T10:00:00Z", "easy", "later", 3),
      ],
      entries.map((e) => e.path),
      f,
    ).cards;
    const queue = dueQueue(entries, cards, { day: "2026-01-05", newPerDay: 2 });
    expect(queue.map((c) => c.entry.path)).toEqual(["old", "recent", "n2", "n1"]);
    expect(dueQueue(entries, cards, { day: "2026-01-05", newPerDay: 2, limit: 3 })).toHaveLength(3);
  });

  it("new cards already started that day count against the limit", () => {
    const entries = [entry("a"), entry("b"), entry("c")];
    const day = "2026-01-09";
    const cards = replay([event(new Date(dayStart(day) + 3_600_000).toISOString(), "easy", "a")], ["a", "b", "c"], f).cards;
    expect(dueQueue(entries, cards, { day, newPerDay: 2 }).map((c) => c.entry.path)).toEqual(["b"]);
  });

  it("figures: cards, due, reviewed this month, retention of learned cards", () => {
    const entries = [entry("a"), entry("b"), entry("c")];
    const events = [
      event("2026-01-01T10:00:00Z", "easy", "a", 1),
      event("2026-01-20T10:00:00Z", "good", "a", 2),
      event("2026-02-25T10:00:00Z", "again", "a", 3),
      event("2026-02-02T10:00:00Z", "good", "b", 4),
    ];
    const figures = reviewFigures(entries, replay(events, ["a", "b", "c"], f).cards, { day: "2026-02-26", newPerDay: 10 });
    expect(figures).toMatchObject({ cards: 3, started: 2, reviewedThisMonth: 2, retention: 0.5 });
    expect(figures.dueToday).toBeGreaterThanOrEqual(2);
  });
});

describe("days are local, instants UTC", () => {
  it("a back-filled rating is at noon of that day, then a second after the last one", () => {
    const now = at("2026-11-29T15:00:00Z");
    const noon = new Date(2026, 0, 5, 12).getTime();
    expect(ratingInstant("2026-01-05", now, [])).toBe(noon);
    expect(ratingInstant("2026-01-05", now, [noon, noon + 1000])).toBe(noon + 2000);
    expect(ratingInstant(localDay(now), now, [])).toBe(now);
    expect(localDay(noon)).toBe("2026-01-05");
  });

  it("short intervals read like Anki's", () => {
    expect([30_000, 600_000, 3 * 3_600_000, 4 * 86_400_000, 75 * 86_400_000, 500 * 86_400_000].map(shortInterval)).toEqual(["<1m", "10m", "3h", "4d", "2.5mo", "1.4y"]);
  });

  it("settings: defaults, and a wrong value names the field", () => {
    expect(reviewSettings(undefined)).toEqual({ newPerDay: 10, retention: 0.9 });
    expect(reviewSettings({ newPerDay: 3, retention: 0.85 })).toEqual({ newPerDay: 3, retention: 0.85 });
    expect(() => reviewSettings({ retention: 2 })).toThrow(/review.retention/);
    expect(() => reviewSettings({ newPerDay: -1 })).toThrow(/review.newPerDay/);
    expect(() => reviewSettings([])).toThrow(/"review" must be an object/);
  });
});
