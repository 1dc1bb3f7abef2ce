/**
 * One verified upload: write to a temporary name (resuming a previous partial one), check size
 * and SHA-256 by re-reading the remote copy, then rename into place. Optionally leaves a
 * `.sha256` sidecar beside it.
 * @module
 */
import { createHash } from 'node:crypto';
import { ToolkitError } from '../core/index.js';
import { readBehind } from './read-behind.js';
import { baseName, dirName, joinRemote, type RemoteStore } from './remote-store.js';
import { sidecarText, tapHash, updateHash } from './sha256.js';
import type { UploadSource } from './upload-source.js';

/** How to check a finished transfer. */
export type VerifyMode = 'reread' | 'size';

/** Options shared by uploads and downloads. */
export interface TransferOptions {
  /** Continue a partial transfer left by an earlier run; default true. */
  readonly resume?: boolean;
  /** `reread` (default): SHA-256 of the other side's copy; `size`: size only. */
  readonly verify?: VerifyMode;
  /** Told as bytes move: bytes done so far, total when known. */
  readonly onProgress?: (done: number, total: number | undefined) => void;
}

/** Upload options. */
export interface UploadOptions extends TransferOptions {
  /** Also write `NAME.sha256` beside the file. */
  readonly sidecar?: boolean;
}

/** What a finished transfer reports. */
export interface TransferResult {
  readonly source: string;
  readonly target: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Bytes kept from an earlier partial transfer. */
  readonly resumedFrom: number;
  /** How the copy was checked. */
  readonly verified: 'sha256-reread' | 'sha256-sidecar' | 'size';
}

/** The temporary name a transfer writes to before it is complete. */
export function partName(path: string): string {
  return joinRemote(dirName(path), `.${baseName(path)}.kmigrate-part`);
}

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, 'utf8');
}

function verifyFailed(target: string, detail: string): ToolkitError {
  return new ToolkitError('SFTP_VERIFY_FAILED', `${target}: ${detail}`, { context: { target } });
}

async function resumeOffset(store: RemoteStore, source: UploadSource, temp: string): Promise<number> {
  if (!source.resumable || source.size === undefined) return 0;
  const existing = await store.stat(temp);
  return existing?.kind === 'file' && existing.size <= source.size ? existing.size : 0;
}

/** Upload `source` to `target` (a store path) and verify it. */
export async function uploadFile(
  store: RemoteStore,
  source: UploadSource,
  target: string,
  options: UploadOptions = {},
): Promise<TransferResult> {
  // refused before the upload (a folder in the way failed only the final rename, after all retries)
  if ((await store.stat(target))?.kind === 'directory')
    throw new ToolkitError(
      'USAGE',
      `${target} is a folder on ${store.description}: the file cannot take its place; upload into it (end the address with /) or choose another name.`,
    );
  const temp = partName(target);
  // resumed only when the re-read SHA-256 proves the whole copy (see downloadFile)
  const offset =
    options.resume === false || options.verify === 'size' ? 0 : await resumeOffset(store, source, temp);
  const hash = createHash('sha256');
  if (offset > 0) await updateHash(source.open(0, offset), hash);
  let done = offset;
  options.onProgress?.(done, source.size);
  const counted = tapHash(source.open(offset), hash, (n) => {
    done += n;
    options.onProgress?.(done, source.size);
  });
  const check = options.verify === 'size' ? undefined : readBehind(store, temp, offset);
  try {
    await store.write(temp, counted, { offset, ...(check ? { onStored: check.stored } : {}) });
  } catch (error) {
    check?.abandon();
    throw error;
  }
  const sha256 = hash.digest('hex');
  const written = await store.stat(temp);
  if (written?.size !== done) {
    check?.abandon();
    throw verifyFailed(target, `the server holds ${written?.size ?? 0} of ${done} bytes.`);
  }
  const remote = await check?.finish(done);
  if (remote && remote.sha256 !== sha256)
    throw verifyFailed(target, 'the SHA-256 of the uploaded copy differs.');
  await store.rename(temp, target);
  if (options.sidecar) await store.write(`${target}.sha256`, bytesOf(sidecarText(sha256, baseName(target))));
  return {
    source: source.label,
    target,
    bytes: done,
    sha256,
    resumedFrom: offset,
    verified: options.verify === 'size' ? 'size' : 'sha256-reread',
  };
}
