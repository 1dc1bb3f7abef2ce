/**
 * Push and pull several files over one reconnecting session, each verified, retried with
 * back-off, resumed after a dropped connection, and stepped down the pipelining ladder after a
 * failed verification.
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolkitError } from '../core/index.js';
import { downloadFile } from './download-file.js';
import type { RemoteSession } from './remote-session.js';
import { baseName, joinRemote, type RemoteStore } from './remote-store.js';
import { type RetryOptions, withRetry } from './retry.js';
import { type TransferOptions, type TransferResult, type UploadOptions, uploadFile } from './upload-file.js';
import type { UploadSource } from './upload-source.js';

/** Per-file progress and retry reporting. */
export interface BatchOptions extends RetryOptions {
  /** Told as bytes move for the named file. */
  readonly onProgress?: (name: string, done: number, total: number | undefined) => void;
}

async function attempt<T>(
  session: RemoteSession,
  options: BatchOptions,
  run: (store: RemoteStore, resume: boolean) => Promise<T>,
): Promise<T> {
  return withRetry(async (_n, previous) => {
    if (previous?.code === 'SFTP_CONNECT_FAILED') await session.drop();
    const store = await session.store();
    if (previous?.code === 'SFTP_VERIFY_FAILED') store.degrade();
    try {
      return await run(store, previous?.code !== 'SFTP_VERIFY_FAILED');
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'SFTP_CONNECT_FAILED')
        await session.drop();
      throw error;
    }
  }, options);
}

/** Refuse a batch in which two files would land on one name: the second replaced the first. */
function assertDistinctNames(names: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      throw new ToolkitError(
        'USAGE',
        `Two of the files would both be written to ${where}${name} (the second would replace the first): transfer them separately.`,
      );
    seen.add(name);
  }
}

/** Upload every source into the store's root folder (created when missing). */
export async function pushFiles(
  session: RemoteSession,
  sources: readonly UploadSource[],
  options: BatchOptions & Omit<UploadOptions, 'onProgress'> = {},
): Promise<TransferResult[]> {
  assertDistinctNames(
    sources.map((s) => s.label),
    'the remote folder as ',
  );
  // a sidecar line is `HASH  NAME`: a name holding a line break cannot be written in one, and
  // the file would be published before its sidecar was refused
  const broken = options.sidecar ? sources.find((s) => /[\r\n]/.test(s.label)) : undefined;
  if (broken !== undefined)
    throw new ToolkitError(
      'USAGE',
      `${JSON.stringify(broken.label)} holds a line break, which a .sha256 sidecar cannot name: rename the file, or push it without --sidecar.`,
    );
  await attempt(session, options, (store) => store.mkdir(''));
  const results: TransferResult[] = [];
  for (const source of sources) {
    const target = joinRemote(source.label);
    const upload: UploadOptions = {
      ...options,
      onProgress: (done, total) => options.onProgress?.(source.label, done, total),
    };
    results.push(
      await attempt(session, options, (store, resume) =>
        uploadFile(store, source, target, { ...upload, resume: resume && upload.resume !== false }),
      ),
    );
  }
  return results;
}

/** Download every store path into local folder `localDir` (created when missing). */
export async function pullFiles(
  session: RemoteSession,
  paths: readonly string[],
  localDir: string,
  options: BatchOptions & Omit<TransferOptions, 'onProgress'> = {},
): Promise<TransferResult[]> {
  assertDistinctNames(paths.map(baseName), `${localDir}/`);
  await mkdir(localDir, { recursive: true }).catch((cause: unknown) => {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot create the download folder ${localDir}.`, { cause });
  });
  const results: TransferResult[] = [];
  for (const path of paths) {
    const name = baseName(path);
    const pull: TransferOptions = {
      ...options,
      onProgress: (done, total) => options.onProgress?.(name, done, total),
    };
    results.push(
      await attempt(session, options, (store, resume) =>
        downloadFile(store, path, join(localDir, name), { ...pull, resume: resume && pull.resume !== false }),
      ),
    );
  }
  return results;
}
