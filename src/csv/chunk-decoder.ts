/**
 * Streaming bytes → text for the two supported encodings. UTF-8 is validated chunk by chunk
 * (simdutf via `buffer.isUtf8`); a multi-byte character cut at a chunk end is carried over.
 * @module
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { decodeWindows1252 } from './windows-1252.js';

/** A decoded encoding. */
export type CsvEncoding = 'utf-8' | 'windows-1252';

/** Length of the prefix of `bytes` that ends on a UTF-8 character boundary. */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = n - 1; k >= 0 && k >= n - 4; k--) {
    const b = bytes[k] ?? 0;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return k + need > n ? k : n;
    }
  }
  return n;
}

const lenient = new TextDecoder('utf-8');

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes a byte stream; `invalidBytes` turns true once UTF-8 had to be repaired. */
export class ChunkDecoder {
  readonly encoding: CsvEncoding;
  #carry: Uint8Array | null = null;
  #skipBom: boolean;
  invalidBytes = false;
  /** True when the last decoded chunk was pure ASCII (nothing to check for mojibake). */
  lastAscii = true;

  constructor(encoding: CsvEncoding, bom: boolean) {
    this.encoding = encoding;
    this.#skipBom = bom;
  }

  /** Decode the next chunk. */
  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.#skipBom) {
      bytes = bytes.subarray(3);
      this.#skipBom = false;
    }
    if (this.encoding === 'windows-1252') {
      this.lastAscii = isAscii(bytes);
      return decodeWindows1252(bytes);
    }
    if (this.#carry !== null) {
      bytes = Buffer.concat([this.#carry, bytes]);
      this.#carry = null;
    }
    const cut = completeUtf8Length(bytes);
    if (cut < bytes.length) this.#carry = Uint8Array.from(bytes.subarray(cut));
    return this.#utf8(bytes.subarray(0, cut));
  }

  /** Flush a character left incomplete at the end of the input. */
  end(): string {
    if (this.#carry === null) return '';
    this.#carry = null;
    this.invalidBytes = true;
    return '\uFFFD';
  }

  #utf8(part: Uint8Array): string {
    this.lastAscii = isAscii(part);
    if (this.lastAscii) return asBuffer(part).toString('latin1');
    if (isUtf8(part)) return asBuffer(part).toString('utf8');
    this.invalidBytes = true;
    return lenient.decode(part);
  }
}
