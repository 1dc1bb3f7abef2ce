/**
 * One verified download: into a local temporary file (resuming one left by an earlier run),
 * checked against the remote size and a `.sha256` sidecar when the server has one, else against
 * a second read of the remote file; renamed into place only when it matches.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ToolkitError } from '../core/index.js';
import type { RemoteStore } from './remote-store.js';
import { hashBytes, parseSidecar, tapHash, updateHash } from './sha256.js';
import type { TransferOptions, TransferResult } from './upload-file.js';

async function expectedHash(store: RemoteStore, path: string, verify: TransferOptions['verify']) {
  if (verify === 'size') return { sha256: undefined, how: 'size' as const };
  const sidecar = await store.stat(`${path}.sha256`).catch(() => undefined);
  if (sidecar?.kind === 'file' && sidecar.size < 4096) {
    const parts: Uint8Array[] = [];
    for await (const chunk of store.read(`${path}.sha256`)) parts.push(chunk);
    const text = Buffer.concat(parts).toString('utf8');
    const sha256 = parseSidecar(text);
    if (sha256) return { sha256, how: 'sha256-sidecar' as const };
  }
  return { sha256: (await hashBytes(store.read(path))).sha256, how: 'sha256-reread' as const };
}

async function localSize(path: string): Promise<number> {
  return stat(path).then(
    (s) => (s.isFile() ? s.size : 0),
    () => 0,
  );
}

/** Download store path `source` to local file `target` and verify it. */
export async function downloadFile(
  store: RemoteStore,
  source: string,
  target: string,
  options: TransferOptions = {},
): Promise<TransferResult> {
  const remote = await store.stat(source);
  if (remote?.kind !== 'file')
    throw new ToolkitError('SFTP_NOT_FOUND', `${source} is not a file on ${store.description}.`);
  // refused before the download (a folder in the way failed only the final rename, as INTERNAL)
  const occupied = await stat(target).catch(() => undefined);
  if (occupied !== undefined && !occupied.isFile())
    throw new ToolkitError(
      'FILE_UNWRITABLE',
      `Cannot write ${target}: it is a folder or not a regular file.`,
    );
  const temp = join(dirname(target), `.${basename(target)}.kmigrate-part`);
  // a part left by an earlier run is reused only when a SHA-256 proves the whole file at the end:
  // with a size check alone, a part of an older version of the file would pass as this one
  const existing = options.resume === false || options.verify === 'size' ? 0 : await localSize(temp);
  const offset = existing <= remote.size ? existing : 0;
  const hash = createHash('sha256');
  if (offset > 0) await updateHash(createReadStream(temp, { end: offset - 1 }), hash);
  const file = await open(temp, offset > 0 ? 'r+' : 'w', 0o600).catch((cause: unknown) => {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot write ${temp}.`, { cause });
  });
  let done = offset;
  try {
    options.onProgress?.(done, remote.size);
    const bytes = tapHash(store.read(source, { offset }), hash, () => undefined);
    for await (const chunk of bytes) {
      await file.write(chunk, 0, chunk.length, done);
      done += chunk.length;
      options.onProgress?.(done, remote.size);
    }
    await file.truncate(done);
  } finally {
    await file.close();
  }
  const sha256 = hash.digest('hex');
  const expected = await expectedHash(store, source, options.verify);
  if (done !== remote.size || (expected.sha256 !== undefined && expected.sha256 !== sha256)) {
    await unlink(temp).catch(() => undefined);
    // a stale sidecar (the file replaced, its .sha256 not) fails every retry: name it
    const against =
      done === remote.size && expected.how === 'sha256-sidecar'
        ? `the SHA-256 in ${source}.sha256 (a sidecar older than the file fails every time)`
        : `the remote file (${remote.size} bytes${expected.sha256 ? ', SHA-256' : ''})`;
    throw new ToolkitError(
      'SFTP_VERIFY_FAILED',
      `${source}: the downloaded copy (${done} bytes) does not match ${against}.`,
      { context: { source } },
    );
  }
  await rename(temp, target).catch((cause: unknown) => {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot write ${target}.`, { cause });
  });
  return { source, target, bytes: done, sha256, resumedFrom: offset, verified: expected.how };
}
