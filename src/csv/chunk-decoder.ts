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

/** Length of the valid UTF-8 multi-byte character at `bytes[i]` (a lead byte ≥ 0xC2), else 0. */
function utf8CharLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] ?? 0;
  const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (need === 0 || i + need > bytes.length) return 0;
  // the second byte's range excludes overlong forms, surrogates and code points above U+10FFFF
  const second = bytes[i + 1] ?? 0;
  const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high) return 0;
  for (let k = 2; k < need; k++) {
    const c = bytes[i + k] ?? 0;
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return need;
}

/**
 * True when the 2-byte UTF-8 character at `bytes[i]` is one that customer data never holds: a C1
 * control (U+0080–U+009F), an IPA letter or spacing diacritic (U+0240–U+02FF, but not the modifier
 * letters U+02B0–U+02BF: the Hawaiian ʻokina of Haleʻiwa, the apostrophe ʼ), an Armenian sign or
 * Hebrew cantillation mark (U+0588–U+05AF; the Armenian letters before it count) or a Syriac,
 * Thaana or NKo character (U+0700–U+07FF). Those are the pairs Windows-1252 text forms with an
 * accented capital before a symbol: `É®` (NESCAFÉ®), `É` + no-break space before `»`, `Ê™`, `Ö©`,
 * `Ü°`.
 */
function unlikelyPair(bytes: Uint8Array, i: number): boolean {
  const cp = (((bytes[i] ?? 0) & 0x1f) << 6) | ((bytes[i + 1] ?? 0) & 0x3f);
  if (cp >= 0x2b0 && cp <= 0x2bf) return false;
  return cp <= 0x9f || (cp >= 0x240 && cp <= 0x2ff) || (cp >= 0x588 && cp <= 0x5af) || cp >= 0x700;
}

/**
 * True when most characters that are not ASCII in `bytes` are well-formed UTF-8: a UTF-8 file
 * into which some Windows-1252 bytes found their way (a record edited elsewhere). Windows-1252
 * text rarely forms UTF-8 sequences (an accented capital followed by a symbol such as `Ã©`), and
 * the pairs it forms most (see {@link unlikelyPair}) do not count as UTF-8.
 */
export function mostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] ?? 0) < 0x80) continue;
    const n = utf8CharLength(bytes, i);
    if (n === 0 || (n === 2 && unlikelyPair(bytes, i))) invalid++;
    else {
      valid++;
      i += n - 1;
    }
  }
  return valid > invalid;
}

const lenient = new TextDecoder('utf-8');

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Decodes a byte stream; `invalidBytes` turns true once UTF-8 had to be repaired. A UTF-8 stream
 * whose first bytes that are not ASCII are not UTF-8 either (mostly: see {@link mostlyUtf8}) is a
 * Windows-1252 file whose sample was all ASCII (ASCII reads the same in both): with `fallback`, it
 * is decoded as Windows-1252 from that chunk on (`fellBack`) instead of repaired.
 */
export class ChunkDecoder {
  #encoding: CsvEncoding;
  #carry: Uint8Array | null = null;
  #skipBom: boolean;
  readonly #fallback: boolean;
  /** True once a valid non-ASCII UTF-8 character was decoded (the file is UTF-8 then). */
  #sawUtf8 = false;
  invalidBytes = false;
  /** True once the stream switched from UTF-8 to Windows-1252 (see the class comment). */
  fellBack = false;
  /** True when the last decoded chunk was pure ASCII (nothing to check for mojibake). */
  lastAscii = true;

  constructor(encoding: CsvEncoding, bom: boolean, fallback = false) {
    this.#encoding = encoding;
    this.#skipBom = bom;
    this.#fallback = fallback && !bom;
  }

  /** The encoding the stream is decoded with now. */
  get encoding(): CsvEncoding {
    return this.#encoding;
  }

  /** Decode the next chunk. */
  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.#skipBom) {
      bytes = bytes.subarray(3);
      this.#skipBom = false;
    }
    if (this.#carry !== null) {
      bytes = Buffer.concat([this.#carry, bytes]);
      this.#carry = null;
    }
    if (this.#encoding === 'windows-1252') {
      this.lastAscii = isAscii(bytes);
      return decodeWindows1252(bytes);
    }
    const cut = completeUtf8Length(bytes);
    if (cut < bytes.length) this.#carry = Uint8Array.from(bytes.subarray(cut));
    const text = this.#utf8(bytes.subarray(0, cut));
    if (this.#encoding === 'utf-8' || this.#carry === null) return text;
    // fell back in this chunk: the bytes kept for the next one are Windows-1252 characters too
    const rest = decodeWindows1252(this.#carry);
    this.#carry = null;
    return text + rest;
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
    if (isUtf8(part)) {
      this.#sawUtf8 = true;
      return asBuffer(part).toString('utf8');
    }
    if (this.#fallback && !this.#sawUtf8 && !mostlyUtf8(part)) {
      this.#encoding = 'windows-1252';
      this.fellBack = true;
      return decodeWindows1252(part);
    }
    this.invalidBytes = true;
    return lenient.decode(part);
  }
}
