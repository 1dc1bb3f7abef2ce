/**
 * The path a file is really at, following symbolic links: for a path that does not exist yet (an
 * output to be written), its nearest existing folder's real path joined with the rest. Two paths
 * name one file when their real paths are equal (an output folder that is a link to the sources'
 * folder writes over a source of the same name).
 * @module
 */
import { realpathSync } from 'node:fs';
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
