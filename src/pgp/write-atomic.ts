/**
 * Write a byte stream to `OUT.partial` (mode 0600) and rename it to OUT only when the stream
 * ends cleanly. On any failure the partial file is deleted: untrusted plaintext never stays.
 * @module
 */
import { rmSync } from 'node:fs';
import { type FileHandle, lstat, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { onInterrupt, ToolkitError } from '../core/index.js';
import { fileKey } from '../csv/index.js';

/** Buffer small chunks into writes of about this size. */
const WRITE_BATCH = 1 << 20;

async function openPartial(path: string): Promise<FileHandle> {
  await rm(path, { force: true });
  try {
    return await open(path, 'wx', 0o600);
  } catch (cause) {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot write ${path}.`, { cause });
  }
}

async function drain(chunks: AsyncIterable<Uint8Array | string>, handle: FileHandle): Promise<number> {
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  let total = 0;
  // One write in flight while the next batch is produced (decrypting overlaps writing).
  let writing: Promise<unknown> = Promise.resolve();
  const flush = async (): Promise<void> => {
    if (pendingSize === 0) return;
    const batch = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingSize);
    pending = [];
    pendingSize = 0;
    await writing;
    writing = handle.write(batch);
    writing.catch(() => undefined); // observed by the next flush or at the end
  };
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    pending.push(bytes);
    pendingSize += bytes.length;
    total += bytes.length;
    if (pendingSize >= WRITE_BATCH) await flush();
  }
  await flush();
  await writing;
  return total;
}

/**
 * Stream `chunks` into `out` atomically; returns the number of bytes written. `input`: the file
 * (or files) the chunks are made from, which `out` must not replace (encrypting in place would
 * destroy the only plaintext copy; decrypting in place, the only ciphertext).
 */
export async function writeAtomically(
  chunks: AsyncIterable<Uint8Array | string>,
  out: string,
  input?: string | readonly string[],
): Promise<number> {
  // the same file by any path (a symbolic or hard link, `dir/../file`)
  const inputs = input === undefined ? [] : typeof input === 'string' ? [input] : input;
  if (inputs.some((i) => fileKey(i) === fileKey(out)))
    throw new ToolkitError('USAGE', `The output ${out} is the input file; write to another file.`);
  // through a symbolic link, the file it points to is replaced (the link stays): renaming over
  // the link itself would replace it — `-o /dev/stdout` (a link to /proc/self/fd/1) with stdout
  // sent to a file would have replaced /dev/stdout for root
  const target = await realpath(out).catch(() => out);
  if ((await lstat(target).catch(() => null))?.isSymbolicLink() === true)
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot write ${out}: a symbolic link that leads nowhere.`);
  const partial = `${target}.partial`;
  // refused before any work (decrypting a large file first, then failing the rename, helps nobody)
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory() === true)
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot write ${out}: it is a folder.`);
  // a device or pipe (`-o /dev/null`, `-o /dev/stdout`) would be replaced by a regular file
  // holding the output — for root, a plaintext /dev/null — since OUT appears only by rename
  if (existing !== null && !existing.isFile())
    throw new ToolkitError(
      'FILE_UNWRITABLE',
      `Cannot write ${out}: it is not a regular file (a device, pipe or socket); write to a file.`,
    );
  // registered before the file exists: a signal while it is being opened must not leave it behind
  const forget = onInterrupt(() => rmSync(partial, { force: true }));
  const handle = await openPartial(partial).catch((error: unknown) => {
    forget();
    throw error;
  });
  try {
    const total = await drain(chunks, handle);
    await handle.close();
    await rename(partial, target).catch((cause: unknown) => {
      throw new ToolkitError('FILE_UNWRITABLE', `Cannot write ${out}.`, { cause });
    });
    return total;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  } finally {
    forget();
  }
}
