/**
 * SHA-256 of a file (source content hashes for the staging, reproducibility checks), read into
 * two reused buffers: the next read runs while the current one is hashed, and a multi-gigabyte
 * file allocates nothing per chunk (no external memory piling up between garbage collections).
 * @module
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';

const CHUNK = 1 << 20;

/** Hex SHA-256 of a file; FILE_NOT_FOUND / FILE_UNREADABLE when it cannot be opened. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  const file = await open(path, 'r').catch((cause: NodeJS.ErrnoException) => {
    const missing = cause.code === 'ENOENT' || cause.code === 'ENOTDIR';
    throw new ToolkitError(
      missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      missing ? `The source file ${path} does not exist.` : `The source file ${path} could not be read.`,
      { cause, context: { path } },
    );
  });
  try {
    const buffers: Buffer[] = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    let at = 0;
    let pending: Promise<{ bytesRead: number; buffer: Buffer }> = file.read(
      buffers[0] as Buffer,
      0,
      CHUNK,
      null,
    );
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) break;
      at ^= 1;
      pending = file.read(buffers[at] as Buffer, 0, CHUNK, null);
      hash.update(bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}
