// Text from entries may come from strangers: nothing from an entry reaches the
// terminal with a control character intact.

// C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const CONTROL_WITH_NEWLINES = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidirectional overrides and isolates can make text display in another order than it reads.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

function picture(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␛, ␇ ...
  if (code === 0x7f) return "\u2421"; // ␡
  return "\ufffd";
}

/** For multi-line text (bodies): keeps newlines and tabs, shows every other control character inert. */
export function inertText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, picture).replace(BIDI, "");
}

/** For one-line text (titles, topics, tags, paths): newlines and tabs become spaces too. */
export function inertLine(text: string): string {
  return text
    .replace(/[\t\r\n]+/g, " ")
    .replace(CONTROL_WITH_NEWLINES, picture)
    .replace(BIDI, "");
}
