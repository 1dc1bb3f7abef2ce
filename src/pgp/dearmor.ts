/**
 * Streaming ASCII-armor decoding for the decrypt fast path. Regular bodies (every line the same
 * length, a multiple of 4) are decoded a chunk at a time without copying out the line breaks;
 * anything else takes a slower path that strips whitespace. The checksum line is not checked
 * (the MDC protects the content, as in OpenPGP.js).
 * @module
 */
import { ToolkitError } from '../core/index.js';
import { FastPathDeclined } from './fast-path-declined.js';

const BEGIN = '-----BEGIN PGP MESSAGE-----';
const END = Buffer.from('-----END PGP MESSAGE-----');
const NEXT_BEGIN = Buffer.from('-----BEGIN PGP');
const MAX_HEAD = 64 * 1024;
/** Regular bodies are decoded this many characters at a time. */
const SLICE = 256 * 1024;

function truncated(): ToolkitError {
  return new ToolkitError('PGP_TRUNCATED', 'The encrypted file ends early (truncated).');
}

const asBuffer = (b: Uint8Array): Buffer =>
  Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Where the base64 body starts in `head` (after the header block), or -1 if not yet known. */
function bodyStart(head: Buffer): number {
  const text = head.toString('latin1');
  const begin = text.indexOf(BEGIN);
  if (begin < 0) return -1;
  let at = text.indexOf('\n', begin);
  while (at >= 0) {
    const next = text.indexOf('\n', at + 1);
    if (next < 0) return -1;
    const line = text.slice(at + 1, next).trim();
    if (line === '') return next + 1;
    if (!line.includes(':')) throw new FastPathDeclined('armor without a header separator');
    at = next;
  }
  return -1;
}

/** Base64 decoding that keeps the leftover characters of an incomplete group. */
class Base64Decoder {
  private leftover = '';

  /** Decode complete lines; fast when the lines are regular (slices keep strings small). */
  lines(portion: Buffer): Buffer[] {
    const first = portion.indexOf(0x0a);
    const width = first - (portion[first - 1] === 0x0d ? 1 : 0);
    const stride = first + 1;
    if (this.leftover !== '' || width <= 0 || width % 4 !== 0 || portion.length % stride !== 0)
      return [this.text(portion, false)];
    for (let p = first; p < portion.length; p += stride)
      if (portion[p] !== 0x0a) return [this.text(portion, false)];
    const out: Buffer[] = [];
    const slice = Math.max(1, Math.floor(SLICE / stride)) * stride;
    for (let at = 0; at < portion.length; at += slice) {
      const part = portion.subarray(at, at + slice);
      const bytes = Buffer.from(part.toString('latin1'), 'base64');
      if (bytes.length !== (part.length / stride) * (width / 4) * 3)
        return [...out, this.text(portion.subarray(at), false)];
      out.push(bytes);
    }
    return out;
  }

  /** Decode arbitrary text (whitespace ignored); `last` decodes any incomplete group too. */
  text(portion: Buffer, last: boolean): Buffer {
    const chars = this.leftover + portion.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, '');
    const cut = last ? chars.length : chars.length - (chars.length % 4);
    this.leftover = chars.slice(cut);
    return Buffer.from(chars.slice(0, cut), 'base64');
  }
}

/** Index where the data lines end (a line starting with `=` or `-`), or -1. */
function dataEnd(buf: Buffer): number {
  if (buf[0] === 0x3d || buf[0] === 0x2d) return 0;
  const crc = buf.indexOf('\n=');
  const end = buf.indexOf('\n-');
  const found = crc < 0 ? end : end < 0 ? crc : Math.min(crc, end);
  return found < 0 ? -1 : found + 1;
}

/** Decode an armored message into binary chunks; PGP_TRUNCATED if the END line is missing. */
export async function* dearmor(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  let buf: Buffer = Buffer.alloc(0);
  let start = -1;
  while (start < 0) {
    const next = await it.next();
    if (next.done) throw truncated();
    buf = Buffer.concat([buf, asBuffer(next.value)]);
    start = bodyStart(buf);
    if (start < 0 && buf.length > MAX_HEAD) throw new FastPathDeclined('armor header too long');
  }
  const decoder = new Base64Decoder();
  buf = buf.subarray(start);
  for (;;) {
    const end = dataEnd(buf);
    if (end >= 0) {
      const out = decoder.text(buf.subarray(0, end), true);
      if (out.length > 0) yield out;
      buf = buf.subarray(end);
      break;
    }
    const lastNewline = buf.lastIndexOf(0x0a);
    if (lastNewline >= 0) {
      const decoded = decoder.lines(buf.subarray(0, lastNewline + 1));
      buf = buf.subarray(lastNewline + 1);
      for (const out of decoded) if (out.length > 0) yield out;
    }
    const next = await it.next();
    if (next.done) throw truncated();
    buf = buf.length === 0 ? asBuffer(next.value) : Buffer.concat([buf, asBuffer(next.value)]);
  }
  while (buf.indexOf(END) < 0) {
    const next = await it.next();
    if (next.done) throw truncated();
    buf = Buffer.concat([buf.subarray(Math.max(0, buf.length - END.length)), asBuffer(next.value)]);
  }
  await refuseSecondMessage(buf.subarray(buf.indexOf(END) + END.length), it);
}

/**
 * Text after the END line is ignored, but not a second armored message: it would be dropped
 * without a word (gpg refuses it).
 */
async function refuseSecondMessage(after: Buffer, it: AsyncIterator<Uint8Array>): Promise<void> {
  let rest = after;
  for (;;) {
    if (rest.includes(NEXT_BEGIN))
      throw new ToolkitError(
        'PGP_MALFORMED',
        'A second armored message follows the first (two messages joined): refused, as gpg does.',
      );
    const next = await it.next();
    if (next.done) return;
    rest = Buffer.concat([rest.subarray(Math.max(0, rest.length - NEXT_BEGIN.length)), asBuffer(next.value)]);
  }
}
