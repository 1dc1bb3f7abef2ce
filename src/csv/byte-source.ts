/**
 * Byte sources: a path (read in 1 MiB chunks), an async iterable of chunks, or one buffer.
 * File-system failures become FILE_NOT_FOUND / FILE_UNREADABLE.
 * @module
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';

/** Chunk size for file reads and for slicing an in-memory buffer. */
export const CHUNK_BYTES = 1_048_576;

/** Anything `openCsv` can read. */
export type CsvSource = string | AsyncIterable<Uint8Array> | Uint8Array;

function fsError(error: unknown, path: string): ToolkitError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
    return new ToolkitError('FILE_NOT_FOUND', 'The input file does not exist or is not a regular file.', {
      cause: error,
      context: { path },
    });
  }
  return new ToolkitError('FILE_UNREADABLE', 'The input file could not be read.', {
    cause: error,
    context: { path, errno: code ?? null },
  });
}

async function* fromPath(path: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
  } catch (error) {
    throw fsError(error, path);
  }
}

async function* fromBuffer(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
}

/** Open a source as an iterator of byte chunks; a path is checked up front. */
export async function openByteSource(source: CsvSource): Promise<AsyncIterator<Uint8Array>> {
  if (typeof source === 'string') {
    try {
      const info = await stat(source);
      if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    } catch (error) {
      throw fsError(error, source);
    }
    return fromPath(source);
  }
  if (source instanceof Uint8Array) return fromBuffer(source);
  return source[Symbol.asyncIterator]();
}
