// The fields of an entry that search looks in, in the order their terms are stored
// in the index, and how much a word found in each one weighs.
export const FIELDS = ["title", "topic", "tags", "takeaway", "challenge", "solution", "notes"] as const;
export type Field = (typeof FIELDS)[number];
export const BODY_FIELDS = ["takeaway", "challenge", "solution", "notes"] as const;

/**
 * A word in the title counts most, then tags and topic, then the takeaway (what the
 * writer thought mattered), then challenge and solution, then notes.
 */
export const FIELD_WEIGHT: Record<Field, number> = {
  title: 5,
  topic: 3,
  tags: 3,
  takeaway: 2,
  challenge: 1.5,
  solution: 1.5,
  notes: 1,
};
export const WEIGHTS = Float32Array.from(FIELDS, (f) => FIELD_WEIGHT[f]);

/** A term found more often than this in one field counts this many times (the score saturates anyway). */
export const MAX_REPEAT = 4;
