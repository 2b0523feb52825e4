import { UserError } from "../errors.js";
import { CONFIG_FILE } from "../journal/config.js";

/** The "review" object of nexus.config.json. */
export interface ReviewSettings {
  /** New cards a day. */
  newPerDay: number;
  /** The desired retention FSRS schedules for, between 0.7 and 0.99. */
  retention: number;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { newPerDay: 10, retention: 0.9 };

/** Checks the "review" settings; a wrong one is an error naming the field. */
export function reviewSettings(raw: unknown): ReviewSettings {
  if (raw === undefined) return { ...DEFAULT_REVIEW_SETTINGS };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new UserError(`${CONFIG_FILE}: "review" must be an object such as {"newPerDay": 10, "retention": 0.9}`);
  }
  const r = raw as Record<string, unknown>;
  const settings = { ...DEFAULT_REVIEW_SETTINGS };
  if (r.newPerDay !== undefined) {
    if (typeof r.newPerDay !== "number" || !Number.isInteger(r.newPerDay) || r.newPerDay < 0 || r.newPerDay > 10_000) {
      throw new UserError(`${CONFIG_FILE}: "review.newPerDay" must be a whole number from 0 to 10000`);
    }
    settings.newPerDay = r.newPerDay;
  }
  if (r.retention !== undefined) {
    if (typeof r.retention !== "number" || !(r.retention >= 0.7 && r.retention <= 0.99)) {
      throw new UserError(`${CONFIG_FILE}: "review.retention" must be a number from 0.7 to 0.99, such as 0.9`);
    }
    settings.retention = r.retention;
  }
  return settings;
}
