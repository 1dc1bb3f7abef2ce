/**
 * The SFTP adapter of `RemoteStore` over ssh2: pipelined reads and writes (see the ladder),
 * atomic replace through `posix-rename@openssh.com` when offered.
 * @module
 */
import type { Attributes, SFTPWrapper } from 'ssh2';
import { ToolkitError } from '../core/index.js';
import { confinePath } from './confine-path.js';
import type { ReadOptions, RemoteEntry, RemoteStore } from './remote-store.js';
import { connectSftp, type SftpConnectOptions } from './sftp-connect.js';
import { PIPELINE_LADDER } from './sftp-pipeline.js';
import { readPipelined } from './sftp-read.js';
import { formatSftpAddress } from './sftp-url.js';
import { writePipelined } from './sftp-write.js';
import { storeError } from './store-errors.js';

/** Options for {@link openSftpStore}. */
export interface SftpStoreOptions extends SftpConnectOptions {
  /** The folder all store paths are relative to (absolute, or relative to the login folder). */
  readonly root: string;
}

const S_IFMT = 0o170000;
const kindOf = (mode: number): RemoteEntry['kind'] =>
  (mode & S_IFMT) === 0o100000 ? 'file' : (mode & S_IFMT) === 0o040000 ? 'directory' : 'other';
const entryOf = (name: string, a: Attributes): RemoteEntry => ({
  name,
  kind: kindOf(a.mode),
  size: a.size,
  mtimeMs: a.mtime * 1000,
});

type Callback<T> = (error: Error | null | undefined, value: T) => void;
function call<T>(fn: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))));
}

/** Connect and return a store rooted at `options.root`. */
export async function openSftpStore(options: SftpStoreOptions): Promise<RemoteStore> {
  const { client, sftp } = await connectSftp(options);
  let level = 0;
  const root = options.root.replace(/\/+$/, '') || '/';
  const at = (path: string): string => {
    const parts = confinePath(path);
    // refused here, not by the server: say so (the message was "refused by the server")
    if (parts === undefined)
      throw new ToolkitError(
        'SFTP_PERMISSION_DENIED',
        `${path}: refused before asking the server (a path may not climb above the folder of the URL, nor hold a backslash or NUL).`,
      );
    return parts.length === 0 ? root : `${root === '/' ? '' : root}/${parts.join('/')}`;
  };
  const wrap = async <T>(operation: string, path: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw storeError(error, operation, path);
    }
  };
  const lstat = (path: string) =>
    call<Attributes | undefined>((cb) =>
      sftp.lstat(at(path), (e, a) =>
        e && (e as { code?: unknown }).code === 2 ? cb(null, undefined) : cb(e, a),
      ),
    );
  return {
    description: formatSftpAddress({ ...options, path: root }),
    stat: (path) =>
      wrap('stat', path, async () => {
        const a = await lstat(path);
        return a === undefined ? undefined : entryOf(path.split('/').pop() ?? path, a);
      }),
    list: (dir) =>
      wrap('list', dir, async () => {
        const entries = await call<{ filename: string; attrs: Attributes }[]>((cb) =>
          sftp.readdir(at(dir), cb),
        );
        return entries
          .filter((e) => e.filename !== '.' && e.filename !== '..')
          .map((e) => entryOf(e.filename, e.attrs))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      }),
    read: (path, opts = {}) => readFile(sftp, at(path), path, opts, () => PIPELINE_LADDER[level]!),
    write: (path, source, opts = {}) =>
      wrap('write', path, async () => {
        const offset = opts.offset ?? 0;
        const handle = await call<Buffer>((cb) => sftp.open(at(path), offset > 0 ? 'r+' : 'w', cb));
        try {
          return await writePipelined(sftp, handle, source, offset, PIPELINE_LADDER[level]!, opts.onStored);
        } finally {
          await call<void>((cb) => sftp.close(handle, (e) => cb(e, undefined)));
        }
      }),
    rename: (from, to) => wrap('rename', from, () => renameReplacing(sftp, at(from), at(to))),
    remove: (path) =>
      wrap('remove', path, () => call<void>((cb) => sftp.unlink(at(path), (e) => cb(e, undefined)))),
    mkdir: (path) => wrap('mkdir', path, () => mkdirs(sftp, at(path))),
    degrade: () => {
      if (level >= PIPELINE_LADDER.length - 1) return false;
      level += 1;
      return true;
    },
    close: async () => {
      sftp.end();
      client.end();
    },
  };
}

async function* readFile(
  sftp: SFTPWrapper,
  remote: string,
  path: string,
  opts: ReadOptions,
  level: () => (typeof PIPELINE_LADDER)[number],
): AsyncGenerator<Uint8Array> {
  let handle: Buffer | undefined;
  try {
    handle = await call<Buffer>((cb) => sftp.open(remote, 'r', cb));
    const h = handle;
    const attrs = await call<Attributes>((cb) => sftp.fstat(h, cb));
    if (kindOf(attrs.mode) !== 'file')
      throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    yield* readPipelined(sftp, h, opts.offset ?? 0, attrs.size, level(), opts.end);
  } catch (error) {
    throw storeError(error, 'read', path);
  } finally {
    const h = handle;
    if (h) await call<void>((cb) => sftp.close(h, (e) => cb(e, undefined))).catch(() => undefined);
  }
}

async function renameReplacing(sftp: SFTPWrapper, from: string, to: string): Promise<void> {
  try {
    await call<void>((cb) => sftp.ext_openssh_rename(from, to, (e) => cb(e, undefined)));
    return;
  } catch (error) {
    if (!(error instanceof Error) || !/not support/i.test(error.message)) throw error;
  }
  // SFTP v3 RENAME fails on an existing target with most servers (receive replaces): retry after unlink.
  const renamed = await call<void>((cb) => sftp.rename(from, to, (e) => cb(e, undefined))).then(
    () => true,
    () => false,
  );
  if (renamed) return;
  const exists = await call<boolean>((cb) => sftp.lstat(to, (e) => cb(null, !e)));
  if (exists) await call<void>((cb) => sftp.unlink(to, (e) => cb(e, undefined)));
  await call<void>((cb) => sftp.rename(from, to, (e) => cb(e, undefined)));
}

async function mkdirs(sftp: SFTPWrapper, full: string): Promise<void> {
  const parts = full.split('/');
  let path = '';
  for (const [i, part] of parts.entries()) {
    path = i === 0 ? part : `${path}/${part}`;
    if (part === '' || part === '.') continue;
    const p = path;
    const exists = await call<boolean>((cb) => sftp.stat(p, (e) => cb(null, !e)));
    if (!exists) await call<void>((cb) => sftp.mkdir(p, (e) => cb(e, undefined)));
  }
}
