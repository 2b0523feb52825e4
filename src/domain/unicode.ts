// Text in any script: whether it is all ASCII (then most Unicode work can be skipped), and
// one normal form for names that may come typed or stored in NFC or NFD (macOS types and
// completes file names in NFD).

const ASCII_TEXT = /^[\x00-\x7f]*$/;

/** Whether a text is all ASCII: its words are then runs of [A-Za-z0-9_], and it is in every normal form. */
export const isAsciiText = (text: string): boolean => ASCII_TEXT.test(text);

/** The text in NFC (ASCII text as it is). */
export const nfc = (text: string): string => (isAsciiText(text) ? text : text.normalize("NFC"));
