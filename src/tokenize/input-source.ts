/**
 * The tokenize input as bytes: read once, hashed (SHA-256 of the file as stored, for the audit
 * log) while it streams, and told apart as OpenPGP by extension or by its first bytes.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { ToolkitError } from '../core/index.js';
import { classifyStart } from '../pgp/index.js';

/** A file's bytes with a running SHA-256. */
export interface HashedSource {
  readonly chunks: AsyncIterable<Uint8Array>;
  /** The hex digest; complete once `chunks` has been read to the end. */
  readonly sha256: () => string;
}

/** Stream `path`, hashing every byte read. */
export function hashedFile(path: string): HashedSource {
  const hash = createHash('sha256');
  let digest: string | null = null;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
      hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
    digest = hash.digest('hex');
  }
  return { chunks: chunks(), sha256: () => digest ?? 'incomplete' };
}

/** True for .pgp/.gpg/.asc files and for files that start like an OpenPGP message. */
export async function isPgpFile(path: string): Promise<boolean> {
  // opened first, whatever the extension: a missing file.pgp is FILE_NOT_FOUND, not an OpenPGP failure
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ToolkitError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `Cannot read ${path}.`, {
      cause,
      context: { path },
    });
  }
  try {
    if (['.pgp', '.gpg', '.asc'].includes(extname(path).toLowerCase())) return true;
    const head = Buffer.alloc(256);
    const { bytesRead } = await handle.read(head, 0, 256, 0);
    classifyStart(head.subarray(0, bytesRead));
    return true;
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}
