/**
 * Bytes in from a path or any async iterable, with the first bytes peeked to tell an armored
 * message from a binary one (and both from something that is not OpenPGP at all).
 * @module
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';

/** What a decrypt or encrypt input may be. */
export type ByteInput = string | AsyncIterable<Uint8Array>;

/** How the message is encoded. */
export type MessageEncoding = 'armored' | 'binary';

/** Read chunk size for files: big chunks keep OpenPGP.js's per-chunk overhead low. */
export const READ_CHUNK = 1 << 20;

/** Packet tags that can start an encrypted message: PKESK, SKESK, marker, SED, SEIPD, AEAD (tag 20). */
const ENCRYPTED_FIRST_TAGS = new Set([1, 3, 10, 9, 18, 20]);

/** Open `input` as an async iterable of bytes; a path must name a regular file. */
export async function openBytes(input: ByteInput): Promise<AsyncIterable<Uint8Array>> {
  if (typeof input !== 'string') return input;
  const info = await stat(input).catch((cause: unknown) => {
    throw new ToolkitError('FILE_NOT_FOUND', `${input} does not exist.`, { cause });
  });
  if (!info.isFile()) throw new ToolkitError('FILE_NOT_FOUND', `${input} is not a regular file.`);
  return createReadStream(input, { highWaterMark: READ_CHUNK });
}

function packetTag(first: number): number {
  return (first & 0x40) !== 0 ? first & 0x3f : (first >> 2) & 0x0f;
}

/** Classify the start of a message; throws PGP_NOT_PGP when it is not an encrypted message. */
export function classifyStart(head: Uint8Array): MessageEncoding {
  const text = new TextDecoder('latin1')
    .decode(head.subarray(0, 256))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('-----BEGIN PGP MESSAGE-----')) return 'armored';
  const first = head[0];
  if (first !== undefined && (first & 0x80) !== 0 && ENCRYPTED_FIRST_TAGS.has(packetTag(first)))
    return 'binary';
  if (text.startsWith('-----BEGIN PGP'))
    throw new ToolkitError(
      'PGP_NOT_PGP',
      'The input is an OpenPGP key or signature, not an encrypted message.',
    );
  throw new ToolkitError('PGP_NOT_PGP', 'The input is not an OpenPGP encrypted message.');
}

/** The peeked encoding and a Web stream that replays the peeked bytes first. */
export interface PeekedInput {
  readonly encoding: MessageEncoding;
  readonly stream: ReadableStream<Uint8Array>;
}

/** The first chunks of `iterator`, at least 64 bytes of them (or all there is), joined. */
export async function peekHead(iterator: AsyncIterator<Uint8Array>): Promise<Buffer> {
  const head: Uint8Array[] = [];
  let size = 0;
  while (size < 64) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    size += next.value.length;
  }
  return Buffer.concat(head);
}

/** Peek at least 64 bytes (or all there is) and classify them. */
export async function peekInput(source: AsyncIterable<Uint8Array>): Promise<PeekedInput> {
  const iterator = source[Symbol.asyncIterator]();
  const joined = await peekHead(iterator);
  if (joined.length === 0) throw new ToolkitError('PGP_NOT_PGP', 'The input is empty.');
  const encoding = classifyStart(joined);
  let replayed = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!replayed) {
        replayed = true;
        controller.enqueue(new Uint8Array(joined.buffer, joined.byteOffset, joined.length));
        return;
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(asPlainBytes(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return { encoding, stream };
}

/** A plain Uint8Array view (no copy): OpenPGP.js must not see Buffer's different `slice`. */
export function asPlainBytes(chunk: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(chunk) === Uint8Array.prototype
    ? chunk
    : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
