/**
 * A private temp folder of files (mode 0600) for a spill: made on first use, removed with every
 * file in it on `dispose()` or when the process is interrupted.
 * @module
 */
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { onInterrupt } from '../core/index.js';

/** The temp folder of one spill and its open files. */
export class TempFiles {
  /** The folder (other files may be made in it; they go with it). */
  readonly dir: string;
  /** The files opened, in order of opening. */
  readonly fds: number[] = [];
  #forget: (() => void) | null;

  /** Make a folder `prefix…` under `root`. */
  constructor(root: string, prefix: string) {
    const dir = mkdtempSync(join(root, prefix));
    this.dir = dir;
    this.#forget = onInterrupt(() => rmSync(dir, { recursive: true, force: true }));
  }

  /** Create file `name` in the folder for reading and writing; returns its descriptor. */
  open(name: string): number {
    const fd = openSync(join(this.dir, name), 'w+', 0o600);
    this.fds.push(fd);
    return fd;
  }

  /** Close the files and remove the folder (idempotent). */
  dispose(): void {
    for (const fd of this.fds.splice(0)) closeSync(fd);
    if (this.#forget === null) return;
    rmSync(this.dir, { recursive: true, force: true });
    this.#forget();
    this.#forget = null;
  }
}
