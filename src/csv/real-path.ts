/**
 * Which file a path names, however it is reached: the real path (symbolic links followed; for a
 * path that does not exist yet, an output to be written, its nearest existing folder's real path
 * joined with the rest), and a key equal for every path of one file (hard links too). An output
 * whose key is an input's would replace that input (an output folder that is a link to the
 * sources' folder writes over a source of the same name).
 * @module
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The real path of `path` (resolved from the working folder); see the module comment. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    // the root, or a path that cannot be read at all: as written
    return parent === absolute ? absolute : join(realPathOf(parent), basename(absolute));
  }
}

/**
 * A key equal for every path of one file: device and inode for an existing file (its symbolic and
 * hard links give the same), else its real path (a file not written yet is no other file).
 */
export function fileKey(path: string): string {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return realPathOf(path);
  }
}
