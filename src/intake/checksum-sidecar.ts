/**
 * The one plaintext file `receive` accepts where encryption is required: a `NAME.sha256` checksum
 * sidecar (as `push --sidecar` and `sha256sum` write it) for a file NAME in the same folder. It
 * must be tiny and exactly one line `<64 hex>  NAME`, optionally ending in a newline; anything
 * else plaintext is refused like any other plaintext upload.
 * @module
 */
import { lstat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The largest sidecar accepted: 64 hex digits, two spaces, a 255-byte name and a newline. */
export const SIDECAR_MAX_BYTES = 64 + 2 + 255 + 1;

const SUFFIX = '.sha256';
const LINE = /^([0-9a-f]{64}) {2}([^\n/]+)\n?$/;

/** The file a sidecar at `path` vouches for (same folder), or undefined when not sidecar-named. */
export function sidecarSubject(path: string): string | undefined {
  const name = basename(path);
  return name.length > SUFFIX.length && name.endsWith(SUFFIX)
    ? join(dirname(path), name.slice(0, -SUFFIX.length))
    : undefined;
}

/**
 * True when `content`, uploaded to local path `target`, is strictly a checksum sidecar for a
 * regular file that exists beside it.
 */
export async function isChecksumSidecar(target: string, content: Buffer): Promise<boolean> {
  const subject = sidecarSubject(target);
  if (subject === undefined || content.length > SIDECAR_MAX_BYTES) return false;
  const text = content.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(content)) return false; // not valid UTF-8
  if (LINE.exec(text)?.[2] !== basename(subject)) return false;
  const file = await lstat(subject).catch(() => undefined);
  return file?.isFile() === true;
}
