// First pass over a file: its SHA-256 (the identity that refuses a second import of the same
// file), its format from its first bytes, and for text its encoding. UTF-8 is checked over the
// whole file, not a prefix: a Windows-1252 "é" on line 900 000 must not be read as garbage.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import type { SourceInfo } from './types';

export interface SniffResult {
  sha256: string;
  size: number;
  format: SourceInfo['format'] | 'unsupported';
  encoding?: NonNullable<SourceInfo['encoding']>;
  /** French reason when the format is unsupported. */
  reason?: string;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Length of the UTF-8 sequence a lead byte announces (0 for a continuation byte). */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xf0) return 4;
  if (b >= 0xe0) return 3;
  if (b >= 0xc0) return 2;
  return 0;
}

/** Bytes at the end of buf that start an incomplete UTF-8 sequence (to carry to the next chunk). */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const len = sequenceLength(buf[buf.length - back]!);
    if (len === 0) continue;
    return len > back ? back : 0;
  }
  return 0;
}

export async function sniffFile(
  path: string,
  opts: { signal?: AbortSignal; onBytes?: (done: number, total: number) => void } = {},
): Promise<SniffResult> {
  const { size } = await stat(path);
  const hash = createHash('sha256');
  let head: Buffer | undefined;
  let utf8 = true;
  let hasNul = false;
  let carry: Buffer = Buffer.alloc(0);
  let done = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    opts.signal?.throwIfAborted();
    const buf = chunk as Buffer;
    hash.update(buf);
    head ??= buf.subarray(0, 8);
    if (!hasNul && buf.includes(0)) hasNul = true;
    if (utf8) {
      const joined = carry.length ? Buffer.concat([carry, buf]) : buf;
      const tail = incompleteTail(joined);
      utf8 = isUtf8(joined.subarray(0, joined.length - tail));
      carry = Buffer.from(joined.subarray(joined.length - tail));
    }
    done += buf.length;
    opts.onBytes?.(done, size);
  }
  const sha256 = hash.digest('hex');
  head ??= Buffer.alloc(0);
  if (utf8 && carry.length > 0) utf8 = false;
  if (startsWith(head, ZIP)) return { sha256, size, format: 'xlsx' };
  if (startsWith(head, OLE2)) {
    return {
      sha256,
      size,
      format: 'unsupported',
      reason: 'classeur Excel 97-2003 (.xls) : enregistrez-le au format .xlsx ou .csv',
    };
  }
  if (head[0] === 0xff && head[1] === 0xfe)
    return { sha256, size, format: 'csv', encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff)
    return { sha256, size, format: 'csv', encoding: 'utf-16be' };
  if (hasNul) {
    return { sha256, size, format: 'unsupported', reason: 'fichier binaire (ni CSV ni XLSX)' };
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    // A BOM announces UTF-8; a file that lies (BOM then Windows-1252 bytes) is read as 1252.
    return { sha256, size, format: 'csv', encoding: utf8 ? 'utf-8-bom' : 'windows-1252' };
  }
  return { sha256, size, format: 'csv', encoding: utf8 ? 'utf-8' : 'windows-1252' };
}
