import { UsageError } from "../errors.js";

/** Reads all of stdin as text, however slowly it arrives; more than `max` bytes is a usage error. */
export async function readStdin(max: number, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > max) throw new UsageError(`stdin is larger than ${max >= 1024 * 1024 ? `${max / 1024 / 1024} MiB` : `${max / 1024} KB`}, more than ${what} may hold`);
    chunks.push(chunk as Buffer);
  }
  // One line ending: text piped from Windows (CRLF) or old Macs (CR) becomes LF.
  return Buffer.concat(chunks).toString("utf8").replace(/\r\n?/g, "\n");
}

/** A value given on the command line, or stdin for `-` (without its final line end). */
export async function readStdinFlag(value: string, max = 64 * 1024): Promise<string> {
  return value === "-" ? (await readStdin(max, "a value of nexus.config.json")).replace(/\n$/, "") : value;
}
