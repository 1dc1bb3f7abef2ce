/**
 * Streaming decompression of an OpenPGP compressed packet (ZIP = raw deflate, ZLIB) with
 * node:zlib, backpressured both ways: input is written only while zlib drains, and zlib makes
 * output only as fast as the consumer pulls it.
 * @module
 */
import { createInflate, createInflateRaw } from 'node:zlib';
import { isToolkitError, ToolkitError } from '../core/index.js';

const OUTPUT_CHUNK = 256 * 1024;

function damaged(cause: unknown): ToolkitError {
  if (isToolkitError(cause)) return cause;
  return new ToolkitError(
    'PGP_TAMPERED',
    'The compressed data inside the message is damaged: the file was modified.',
    { cause },
  );
}

/**
 * Inflate `source` (`raw`: ZIP/raw deflate, else ZLIB). Upstream errors (a truncated file, a
 * failed MDC) come out unchanged; zlib errors become PGP_TAMPERED. Stopping early stops reading
 * `source` without closing it. `source` is always read to its end (so the enclosing integrity
 * check runs); zlib ignores bytes after the end of the deflate stream, as OpenPGP.js does.
 */
export async function* inflateChunks(
  source: AsyncIterable<Uint8Array>,
  raw: boolean,
): AsyncGenerator<Buffer> {
  const zlib = raw
    ? createInflateRaw({ chunkSize: OUTPUT_CHUNK })
    : createInflate({ chunkSize: OUTPUT_CHUNK });
  const input = source[Symbol.asyncIterator]();
  let mode: 'feed' | 'drain' | 'stop' = 'feed';
  const writable = (): boolean => mode === 'feed' && !zlib.destroyed && !zlib.writableEnded;
  const drained = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        zlib.off('drain', done);
        zlib.off('close', done);
        resolve();
      };
      zlib.on('drain', done);
      zlib.on('close', done);
    });
  const feed = async (): Promise<void> => {
    try {
      while (mode !== 'stop') {
        const next = await input.next();
        if (next.done) break;
        if (writable() && !zlib.write(next.value)) await drained();
      }
      if (writable()) zlib.end();
    } catch (error) {
      if (mode === 'drain') throw error;
      if (mode === 'feed') zlib.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const feeding = feed();
  let finished = false;
  try {
    for await (const chunk of zlib) yield chunk as Buffer;
    finished = true;
  } catch (error) {
    throw damaged(error);
  } finally {
    if (!finished) {
      mode = 'stop';
      zlib.destroy();
      await feeding;
    }
  }
  mode = 'drain';
  await feeding;
}
