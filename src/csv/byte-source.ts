/**
 * Byte sources: a path (read in 64 KiB chunks into reused buffers), an async iterable of chunks, or one buffer.
 * File-system failures become FILE_NOT_FOUND / FILE_UNREADABLE.
 * @module
 */
import { close, open, read, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { ToolkitError } from '../core/index.js';
import { syncFileIo } from './file-io-mode.js';

const openFd = promisify(open);
const readFd = promisify(read);
const closeFd = promisify(close);

/**
 * Chunk size for file reads and for slicing buffers and streamed chunks. 64 KiB keeps each chunk's
 * decoded text a regular young-generation string (V8 puts strings over 128 KiB in the large-object
 * space, and a 1 MiB latin1 text becomes an external string): it dies in the next scavenge
 * instead of waiting for a full collection. Measured on 1M rows: build peak 220 → 133 MB, check
 * 172 → 120 MB, at the same speed (docs/benchmarks.md).
 */
export const CHUNK_BYTES = 65_536;

/** Chunks read on the main thread (one core) between two turns of the event loop (~512 KiB). */
export const YIELD_CHUNKS = 8;

/** Anything `openCsv` can read. */
export type CsvSource = string | AsyncIterable<Uint8Array> | Uint8Array;

function fsError(error: unknown, path: string): ToolkitError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
    return new ToolkitError(
      'FILE_NOT_FOUND',
      `The input file ${path} does not exist or is not a regular file.`,
      {
        cause: error,
        context: { path },
      },
    );
  }
  return new ToolkitError('FILE_UNREADABLE', `The input file ${path} could not be read.`, {
    cause: error,
    context: { path, errno: code ?? null },
  });
}

/**
 * A file's bytes in chunks (64 KiB by default) read into three buffers used in turn. With more
 * than one core the next chunk is read ahead while the reader decodes the current one (a reader
 * otherwise waits ~0.2 ms per chunk on the disk: ~0.7 s per GB); with one, each is read on this
 * thread (file-io-mode.ts). A chunk stays valid until the chunk after the next one is requested
 * (the reader decodes each chunk before it asks for more), and reading a large file leaves no
 * megabyte-sized garbage behind.
 */
async function* fromPath(path: string, chunkBytes: number): AsyncGenerator<Uint8Array> {
  // a plain descriptor, not a FileHandle: a reader dropped before its end (only its header read)
  // must not trigger Node's "closing file descriptor on garbage collection" warning
  let fd: number;
  try {
    fd = await openFd(path, 'r');
  } catch (error) {
    throw fsError(error, path);
  }
  const ring = [
    Buffer.allocUnsafe(chunkBytes),
    Buffer.allocUnsafe(chunkBytes),
    Buffer.allocUnsafe(chunkBytes),
  ];
  const readInto = (buffer: Buffer): Promise<number> =>
    readFd(fd, buffer, 0, chunkBytes, null).then(
      (r) => r.bytesRead,
      (error: unknown) => Promise.reject(fsError(error, path)),
    );
  if (syncFileIo()) {
    try {
      let chunks = 0;
      for (const chunk of readSyncInto(fd, path, ring, chunkBytes)) {
        yield chunk;
        // back to the event loop now and then: with no I/O callback a run of promises never
        // leaves it, and a signal (Ctrl-C removes the partial outputs) would wait for the end
        if (++chunks % YIELD_CHUNKS === 0) await new Promise(setImmediate);
      }
    } finally {
      await closeFd(fd).catch(() => undefined);
    }
    return;
  }
  let ahead: Promise<number> | null = readInto(ring[0] as Buffer);
  try {
    for (let turn = 0; ; turn = (turn + 1) % 3) {
      const got: number = await ahead;
      ahead = null;
      if (got === 0) return;
      const buffer = ring[turn] as Buffer;
      // read the next chunk into the buffer of the chunk before this one (no longer valid)
      ahead = readInto(ring[(turn + 1) % 3] as Buffer);
      yield buffer.subarray(0, got);
    }
  } finally {
    // a read still in flight must end before its descriptor is closed (the reader may stop early)
    await ahead?.catch(() => undefined);
    await closeFd(fd).catch(() => undefined);
  }
}

/** The one-core way of {@link fromPath}: each chunk read on this thread into the ring in turn. */
function* readSyncInto(fd: number, path: string, ring: readonly Buffer[], chunkBytes: number) {
  for (let turn = 0; ; turn = (turn + 1) % ring.length) {
    const buffer = ring[turn] as Buffer;
    let got: number;
    try {
      got = readSync(fd, buffer, 0, chunkBytes, null);
    } catch (error) {
      throw fsError(error, path);
    }
    if (got === 0) return;
    yield buffer.subarray(0, got);
  }
}

async function* fromBuffer(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
}

/** A stream's chunks cut to at most {@link CHUNK_BYTES} (a decrypted file arrives in large ones). */
async function* fromStream(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    if (chunk.length <= CHUNK_BYTES) yield chunk;
    else for (let i = 0; i < chunk.length; i += CHUNK_BYTES) yield chunk.subarray(i, i + CHUNK_BYTES);
  }
}

/** Open a source as an iterator of byte chunks; a path is checked up front and read `chunkBytes` at a time. */
export async function openByteSource(
  source: CsvSource,
  chunkBytes = CHUNK_BYTES,
): Promise<AsyncIterator<Uint8Array>> {
  if (typeof source === 'string') {
    try {
      const info = await stat(source);
      if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    } catch (error) {
      throw fsError(error, source);
    }
    return fromPath(source, chunkBytes);
  }
  if (source instanceof Uint8Array) return fromBuffer(source);
  return fromStream(source);
}
