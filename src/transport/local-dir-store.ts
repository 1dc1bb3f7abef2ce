/**
 * A `RemoteStore` over a local folder: for tests, demos and mounted shares. Paths are confined
 * to the root and symbolic links are never followed out of it.
 * @module
 */
import { constants, createReadStream } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolkitError } from '../core/index.js';
import { confinePath } from './confine-path.js';
import type { ReadOptions, RemoteEntry, RemoteStore, WriteOptions } from './remote-store.js';
import { storeError } from './store-errors.js';

function entryOf(
  name: string,
  s: { isFile(): boolean; isDirectory(): boolean; size: number; mtimeMs: number },
) {
  const kind = s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
  return { name, kind, size: s.size, mtimeMs: s.mtimeMs } as const satisfies RemoteEntry;
}

/** Open a folder as a store (it is created when missing). */
export async function openLocalDirStore(root: string): Promise<RemoteStore> {
  await mkdir(root, { recursive: true });
  const at = (path: string): string => {
    const parts = confinePath(path);
    if (parts === undefined)
      throw new ToolkitError(
        'SFTP_PERMISSION_DENIED',
        `${path}: refused before asking the server (a path may not climb above the folder of the URL, nor hold a backslash or NUL).`,
      );
    return join(root, ...parts);
  };
  const wrap = async <T>(operation: string, path: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw storeError(error, operation, path);
    }
  };
  return {
    description: `file://${root}`,
    stat: (path) =>
      wrap('stat', path, async () => {
        const s = await lstat(at(path)).catch((e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT') return undefined;
          throw e;
        });
        return s === undefined ? undefined : entryOf(path.split('/').pop() ?? path, s);
      }),
    list: (dir) =>
      wrap('list', dir, async () => {
        const names = (await readdir(at(dir))).sort();
        return Promise.all(names.map(async (n) => entryOf(n, await lstat(join(at(dir), n)))));
      }),
    read: (path: string, options: ReadOptions = {}) => readLocal(at(path), path, options),
    write: (path: string, source: AsyncIterable<Uint8Array>, options: WriteOptions = {}) =>
      wrap('write', path, () => writeLocal(at(path), source, options)),
    rename: (from, to) => wrap('rename', from, () => rename(at(from), at(to))),
    remove: (path) => wrap('remove', path, () => unlink(at(path))),
    mkdir: (path) => wrap('mkdir', path, async () => void (await mkdir(at(path), { recursive: true }))),
    degrade: () => false,
    close: async () => undefined,
  };
}

async function* readLocal(file: string, path: string, options: ReadOptions): AsyncGenerator<Uint8Array> {
  const { offset = 0, end } = options;
  try {
    const s = await lstat(file);
    if (!s.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    if (end !== undefined && end <= offset) return;
    const last = end === undefined ? {} : { end: end - 1 };
    yield* createReadStream(file, { start: offset, ...last, highWaterMark: 1 << 20 });
  } catch (error) {
    throw storeError(error, 'read', path);
  }
}

async function writeLocal(
  file: string,
  source: AsyncIterable<Uint8Array>,
  { offset = 0, onStored }: WriteOptions,
): Promise<number> {
  const { O_CREAT, O_NOFOLLOW, O_RDWR, O_WRONLY } = constants;
  const handle = await open(file, offset > 0 ? O_RDWR | O_NOFOLLOW : O_WRONLY | O_CREAT | O_NOFOLLOW, 0o600);
  try {
    if (offset > 0 && (await handle.stat()).size < offset)
      throw new ToolkitError('SFTP_TRANSFER_FAILED', `Cannot resume ${file} at ${offset}: it is shorter.`);
    await handle.truncate(offset);
    let position = offset;
    for await (const chunk of source) {
      await handle.write(chunk, 0, chunk.length, position);
      position += chunk.length;
      onStored?.(position);
    }
    return position - offset;
  } finally {
    await handle.close();
  }
}
