import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly content: Buffer;
}

/** DOS date/time of 1980-01-01 00:00, so the same files always give the same bytes. */
const FIXED_TIME = 0;
const FIXED_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * Writes the fields that a local file header and its central directory entry share, in the same
 * order, from "version needed to extract" to the file name length (APPNOTE.TXT 4.3.7 and 4.3.12):
 * version 2.0, no flags, stored (no compression), the fixed time, CRC-32, sizes, name length.
 */
function writeEntryFields(
  header: Buffer,
  at: number,
  crc: number,
  size: number,
  nameLength: number,
): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0, at + 2);
  header.writeUInt16LE(0, at + 4);
  header.writeUInt16LE(FIXED_TIME, at + 6);
  header.writeUInt16LE(FIXED_DATE, at + 8);
  header.writeUInt32LE(crc, at + 10);
  header.writeUInt32LE(size, at + 14);
  header.writeUInt32LE(size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

/**
 * Builds a zip archive (stored, no compression) whose bytes depend only on the entries, so a
 * Lambda package's hash changes only when its code does.
 */
export function deterministicZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.content);
    const size = entry.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, crc, size, name.length);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by Unix, spec 3.0
    writeEntryFields(central, 6, crc, size, name.length);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.content);
    centrals.push(central, name);
    offset += local.length + name.length + size;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** base64 SHA-256, the form of Lambda's `source_code_hash`. */
export function base64Sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64');
}
