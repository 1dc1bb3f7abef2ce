/**
 * A small pull-based OpenPGP packet reader for the decrypt fast path: a byte reader over an
 * async iterable, packet headers (old and new format) and packet bodies (definite, partial and
 * indeterminate lengths), yielded as zero-copy views of the input chunks.
 * @module
 */
import { type ErrorCode, ToolkitError } from '../core/index.js';

const EMPTY = new Uint8Array(0);

/** Reads bytes from an async iterable; running out early throws `endCode`. */
export class ByteReader {
  private buf: Uint8Array = EMPTY;
  private pos = 0;
  private ended = false;
  private readonly it: AsyncIterator<Uint8Array>;

  /** `endCode`: PGP_TRUNCATED for the file itself, PGP_TAMPERED inside the encrypted data. */
  constructor(
    source: AsyncIterable<Uint8Array>,
    private readonly endCode: ErrorCode,
  ) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** True when at least one more byte is available. */
  async more(): Promise<boolean> {
    while (this.pos >= this.buf.length) {
      if (this.ended) return false;
      const next = await this.it.next();
      if (next.done) {
        this.ended = true;
        return false;
      }
      this.buf = next.value;
      this.pos = 0;
    }
    return true;
  }

  private early(): ToolkitError {
    return this.endCode === 'PGP_TRUNCATED'
      ? new ToolkitError('PGP_TRUNCATED', 'The encrypted file ends early (truncated).')
      : new ToolkitError('PGP_TAMPERED', 'The integrity check failed: the file was modified or damaged.');
  }

  /** One byte. */
  async byte(): Promise<number> {
    if (!(await this.more())) throw this.early();
    return this.buf[this.pos++]!;
  }

  /** Exactly `n` bytes, copied. */
  async bytes(n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    let filled = 0;
    for await (const piece of this.take(n)) {
      out.set(piece, filled);
      filled += piece.length;
    }
    return out;
  }

  /** Exactly `n` bytes as views of the input. */
  async *take(n: number): AsyncGenerator<Uint8Array> {
    let left = n;
    while (left > 0) {
      if (!(await this.more())) throw this.early();
      const end = Math.min(this.buf.length, this.pos + left);
      const piece = this.buf.subarray(this.pos, end);
      this.pos = end;
      left -= piece.length;
      yield piece;
    }
  }

  /** Everything left. */
  async *rest(): AsyncGenerator<Uint8Array> {
    while (await this.more()) {
      const piece = this.pos === 0 ? this.buf : this.buf.subarray(this.pos);
      this.pos = this.buf.length;
      yield piece;
    }
  }

  /** Stop reading (closes the source iterator, e.g. to stop a decompressor's feeder). */
  async close(): Promise<void> {
    await this.it.return?.();
  }

  /** Read the 4-byte big-endian number used by lengths. */
  async uint32(): Promise<number> {
    const b = await this.bytes(4);
    return ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
  }
}

/** A packet's length: a byte count, a first partial chunk, or "to the end of the data". */
export type PacketLength =
  | { readonly kind: 'definite'; readonly size: number }
  | { readonly kind: 'partial'; readonly size: number }
  | { readonly kind: 'indeterminate' };

/** A packet header. */
export interface PacketHeader {
  readonly tag: number;
  readonly length: PacketLength;
}

async function newFormatLength(r: ByteReader, first: number): Promise<PacketLength> {
  if (first < 192) return { kind: 'definite', size: first };
  if (first < 224) return { kind: 'definite', size: ((first - 192) << 8) + (await r.byte()) + 192 };
  if (first === 255) return { kind: 'definite', size: await r.uint32() };
  return { kind: 'partial', size: 1 << (first & 0x1f) };
}

/** The next packet header, or `undefined` at the end of the data; `null` if it is not one. */
export async function readHeader(r: ByteReader): Promise<PacketHeader | undefined | null> {
  if (!(await r.more())) return undefined;
  const first = await r.byte();
  if ((first & 0x80) === 0) return null;
  if ((first & 0x40) !== 0) return { tag: first & 0x3f, length: await newFormatLength(r, await r.byte()) };
  const tag = (first >> 2) & 0x0f;
  switch (first & 0x03) {
    case 0:
      return { tag, length: { kind: 'definite', size: await r.byte() } };
    case 1:
      return { tag, length: { kind: 'definite', size: ((await r.byte()) << 8) + (await r.byte()) } };
    case 2:
      return { tag, length: { kind: 'definite', size: await r.uint32() } };
    default:
      return { tag, length: { kind: 'indeterminate' } };
  }
}

/** The body of the packet whose header was just read, in views of the input. */
export async function* packetBody(r: ByteReader, header: PacketHeader): AsyncGenerator<Uint8Array> {
  let length = header.length;
  if (length.kind === 'indeterminate') {
    yield* r.rest();
    return;
  }
  while (length.kind === 'partial') {
    yield* r.take(length.size);
    length = await newFormatLength(r, await r.byte());
  }
  if (length.kind === 'definite') yield* r.take(length.size);
}

/** A whole (small) packet body, copied. */
export async function readBody(r: ByteReader, header: PacketHeader): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const piece of packetBody(r, header)) parts.push(piece);
  return Buffer.concat(parts);
}
