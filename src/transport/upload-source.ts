/**
 * What an upload reads from: a local file (resumable: it can be re-read from any offset) or a
 * one-shot stream such as encryption on the way out (restarted from zero on retry).
 * @module
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ToolkitError } from '../core/index.js';

/** Bytes to upload. */
export interface UploadSource {
  /** Shown in messages and results. */
  readonly label: string;
  /** The byte count when known in advance. */
  readonly size: number | undefined;
  /** True when `open(offset)` with offset > 0 gives the same bytes as before (resume). */
  readonly resumable: boolean;
  /** The bytes from `offset` (to `end`, exclusive, when given). */
  open(offset: number, end?: number): AsyncIterable<Uint8Array>;
}

/** A local regular file. */
export async function fileSource(path: string): Promise<UploadSource> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new ToolkitError('FILE_NOT_FOUND', `${path} does not exist.`, { cause });
  });
  if (!info.isFile()) throw new ToolkitError('FILE_NOT_FOUND', `${path} is not a regular file.`);
  return {
    label: basename(path),
    size: info.size,
    resumable: true,
    open: (offset, end) =>
      createReadStream(path, {
        start: offset,
        ...(end === undefined ? {} : { end: end - 1 }),
        highWaterMark: 1 << 20,
      }),
  };
}

/** A stream made fresh for each attempt (not resumable: its bytes may differ each time). */
export function streamSource(label: string, make: () => AsyncIterable<Uint8Array>): UploadSource {
  return { label, size: undefined, resumable: false, open: () => make() };
}
