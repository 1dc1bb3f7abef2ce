/**
 * Pipelined reads: up to `depth` READ requests in flight at increasing offsets, yielded in order.
 * Short reads are completed, and reading goes on past the size reported at open until EOF (so a
 * pseudo-file reported as empty is not silently empty).
 * @module
 */
import type { SFTPWrapper } from 'ssh2';
import { type PipelineLevel, settleQuietly } from './sftp-pipeline.js';

function readOnce(sftp: SFTPWrapper, handle: Buffer, position: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const buf = Buffer.allocUnsafe(length);
    sftp.read(handle, buf, 0, length, position, (error, bytesRead) => {
      if (error) reject(error);
      else resolve(bytesRead === length ? buf : buf.subarray(0, bytesRead));
    });
  });
}

/** Read exactly `length` bytes unless EOF comes first. */
async function readExact(sftp: SFTPWrapper, handle: Buffer, position: number, length: number) {
  const first = await readOnce(sftp, handle, position, length);
  if (first.length === length || first.length === 0) return first;
  const parts = [first];
  let got = first.length;
  while (got < length) {
    const more = await readOnce(sftp, handle, position + got, length - got);
    if (more.length === 0) break;
    parts.push(more);
    got += more.length;
  }
  return Buffer.concat(parts);
}

/**
 * Yield the bytes of an open handle from `offset`; `reported` is the size reported at open. With
 * `end`, stop there instead (and do not look past it for EOF).
 */
export async function* readPipelined(
  sftp: SFTPWrapper,
  handle: Buffer,
  offset: number,
  reported: number,
  level: PipelineLevel,
  end?: number,
): AsyncGenerator<Uint8Array> {
  const size = end ?? reported;
  const pending: { length: number; data: Promise<Buffer> }[] = [];
  let next = offset;
  const fill = (): void => {
    while (pending.length < level.depth && next < size) {
      const length = Math.min(level.chunk, size - next);
      pending.push({ length, data: settleQuietly(readExact(sftp, handle, next, length)) });
      next += length;
    }
  };
  try {
    fill();
    for (let head = pending.shift(); head !== undefined; head = pending.shift()) {
      const data = await head.data;
      if (data.length < head.length) return void (yield data); // the file shrank: stop at its end
      fill();
      yield data;
    }
    if (end !== undefined) return;
    for (;;) {
      const tail = await readExact(sftp, handle, next, level.chunk);
      if (tail.length === 0) return;
      next += tail.length;
      yield tail;
    }
  } finally {
    await Promise.allSettled(pending.map((p) => p.data));
  }
}
