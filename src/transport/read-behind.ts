/**
 * Verify an upload while it is being written: read back, on separate handles, the ranges the
 * store has already acknowledged and hash them, so the check ends shortly after the last write
 * instead of re-reading the whole file afterwards. The read-back travels the other way on the
 * connection, so it mostly overlaps the upload. When the copy cannot be read while open (`receive`
 * stages uploads out of sight until CLOSE) the whole file is re-read after the write instead.
 * @module
 */
import { createHash } from 'node:crypto';
import type { RemoteStore } from './remote-store.js';
import { hashBytes } from './sha256.js';

/** Bytes per read-back round (one open, a pipelined read, one close). */
const ROUND = 8 << 20;

/** A read-back following one write. */
export interface ReadBehind {
  /** Pass as the write's `onStored`: every byte below `end` is stored. */
  readonly stored: (end: number) => void;
  /**
   * After the write (handle closed): read back what is left and resolve to the SHA-256 of the
   * store's copy of `[0, size)` and whether it was followed during the write ('overlapped') or
   * re-read afterwards ('after').
   */
  finish(size: number): Promise<{ sha256: string; how: 'overlapped' | 'after' }>;
  /** The write failed: stop reading back (after the current round). */
  readonly abandon: () => void;
}

/** Start following writes to `path`; the bytes below `stored` already exist (a resumed prefix). */
export function readBehind(store: RemoteStore, path: string, stored: number): ReadBehind {
  const hash = createHash('sha256');
  let known = stored;
  let last: number | undefined;
  let wake: (() => void) | undefined;
  const follow = async (): Promise<void> => {
    let done = 0;
    for (;;) {
      const target = last ?? known;
      if (last !== undefined && done >= last) return;
      if (target - done >= ROUND || (last !== undefined && target > done)) {
        for await (const chunk of store.read(path, { offset: done, end: target })) {
          hash.update(chunk);
          done += chunk.length;
        }
        if (done !== target) throw new Error(`read back ${done} of ${target} bytes`);
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
  };
  const following = follow();
  following.catch(() => undefined);
  const nudge = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  return {
    stored: (end) => {
      known = end;
      nudge();
    },
    abandon: () => {
      last = -1;
      nudge();
    },
    async finish(size) {
      last = size;
      nudge();
      const ok = await following.then(
        () => true,
        () => false,
      );
      if (ok) return { sha256: hash.digest('hex'), how: 'overlapped' };
      return { sha256: (await hashBytes(store.read(path))).sha256, how: 'after' };
    },
  };
}
