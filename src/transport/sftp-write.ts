/**
 * Pipelined writes: up to `depth` WRITE requests in flight at their own offsets. Input chunks are
 * re-cut to the level's request size; each request owns its buffer until it is acknowledged.
 * @module
 */
import type { SFTPWrapper } from 'ssh2';
import { type PipelineLevel, settleQuietly } from './sftp-pipeline.js';

function writeOnce(sftp: SFTPWrapper, handle: Buffer, data: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    sftp.write(handle, data, 0, data.length, position, (error) => (error ? reject(error) : resolve()));
  });
}

async function* recut(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const chunk of source) {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (held + buf.length >= size) {
      const take = size - held;
      parts.push(buf.subarray(0, take));
      yield parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      parts = [];
      held = 0;
      buf = buf.subarray(take);
    }
    if (buf.length > 0) {
      parts.push(buf);
      held += buf.length;
    }
  }
  if (held > 0) yield Buffer.concat(parts);
}

/**
 * Write `source` at `offset` onward; resolves to the bytes written. `onStored` is told the offset
 * below which every request has been acknowledged (requests may complete out of order).
 */
export async function writePipelined(
  sftp: SFTPWrapper,
  handle: Buffer,
  source: AsyncIterable<Uint8Array>,
  offset: number,
  level: PipelineLevel,
  onStored?: (end: number) => void,
): Promise<number> {
  const inFlight = new Set<Promise<void>>();
  const order: { end: number; done: boolean }[] = [];
  const acknowledge = (request: { done: boolean }): void => {
    request.done = true;
    let stored: number | undefined;
    while (order[0]?.done) stored = order.shift()?.end;
    if (stored !== undefined) onStored?.(stored);
  };
  let position = offset;
  try {
    for await (const data of recut(source, level.chunk)) {
      const entry = { end: position + data.length, done: false };
      order.push(entry);
      const request = settleQuietly(writeOnce(sftp, handle, data, position));
      inFlight.add(request);
      void request.then(
        () => {
          inFlight.delete(request);
          acknowledge(entry);
        },
        () => undefined,
      );
      position += data.length;
      if (inFlight.size >= level.depth) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    return position - offset;
  } finally {
    await Promise.allSettled(inFlight);
  }
}
