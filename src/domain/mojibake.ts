// Mojibake: UTF-8 text that was once read as Windows-1252 (or Latin-1) and saved
// again, so that `📚` reads `ðŸ“š` and `’` reads `â€™`. A line is repaired only
// as a whole, and only when every character of it maps back to one byte and those
// bytes are valid UTF-8: text in real Latin-1 characters (`café`, `naïve`) never
// decodes so, nor does a line that mixes mojibake with other scripts. Pure.

/** Windows-1252's characters in 0x80-0x9F, by code point. The five bytes it leaves undefined read as C1 controls (U+0081 ...). */
const CP1252: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86], [0x2021, 0x87],
  [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c], [0x017d, 0x8e], [0x2018, 0x91],
  [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95], [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98],
  [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b], [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
]);

const utf8 = new TextDecoder("utf-8", { fatal: true });
/** The lead bytes of UTF-8's multi-byte sequences as Windows-1252 shows them: Â to ô. */
const MAYBE = /[\u00c2-\u00f4]/;

/** The bytes a line was before it was read as Windows-1252; undefined when a character is not one of its 256. */
function bytesOf(line: string): Uint8Array | undefined {
  const bytes = new Uint8Array(line.length);
  for (let i = 0; i < line.length; i += 1) {
    const code = line.charCodeAt(i);
    const byte = code < 0x100 ? code : CP1252.get(code);
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

/** The line repaired, or undefined when it is not mojibake. Read back up to three times (text mangled twice). */
export function repairLine(line: string): string | undefined {
  let text = line;
  for (let round = 0; round < 3 && MAYBE.test(text); round += 1) {
    const bytes = bytesOf(text);
    if (!bytes) break;
    let decoded: string;
    try {
      decoded = utf8.decode(bytes);
    } catch {
      break;
    }
    if (decoded === text) break;
    text = decoded;
  }
  return text === line ? undefined : text;
}

export interface Repaired {
  text: string;
  /** 1-based lines that were repaired. */
  lines: number[];
}

/** The text with each mojibake line repaired; line ends kept as they were. */
export function repairMojibake(text: string): Repaired {
  if (!MAYBE.test(text)) return { text, lines: [] };
  const lines: number[] = [];
  const parts = text.split(/(\r\n|\n|\r)/);
  for (let i = 0; i < parts.length; i += 2) {
    const fixed = repairLine(parts[i]!);
    if (fixed !== undefined) {
      parts[i] = fixed;
      lines.push(i / 2 + 1);
    }
  }
  return { text: lines.length ? parts.join("") : text, lines };
}

export interface MojibakeLine {
  /** 1-based. */
  line: number;
  text: string;
  repaired: string;
}

/** The lines of a text that are mojibake, with what each reads repaired. */
export function findMojibake(text: string): MojibakeLine[] {
  if (!MAYBE.test(text)) return [];
  const out: MojibakeLine[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, i) => {
    const repaired = repairLine(line);
    if (repaired !== undefined) out.push({ line: i + 1, text: line, repaired });
  });
  return out;
}
