/**
 * An account's view of the disk: its own folder as `/`. A client path is resolved without
 * following links; climbing above the folder, or reaching through a symbolic link, is refused.
 * @module
 */
import { lstat, realpath } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { confinePath } from '../transport/index.js';

/** A resolved client path, or why it is refused. */
export type SpacePath =
  | { readonly ok: true; readonly real: string; readonly virtual: string }
  | { readonly ok: false; readonly reason: 'path-traversal' | 'symlink' };

function inside(dir: string, path: string): boolean {
  return path === dir || path.startsWith(`${dir}${sep}`);
}

/** Resolve `path` (absolute or relative to `/`) inside the account folder `dir` (a real path). */
export async function resolveInSpace(dir: string, path: string): Promise<SpacePath> {
  const parts = confinePath(path);
  if (parts === undefined) return { ok: false, reason: 'path-traversal' };
  const real = join(dir, ...parts);
  const virtual = `/${parts.join('/')}`;
  if (parts.length === 0) return { ok: true, real, virtual };
  const parent = await realpath(dirname(real)).catch(() => undefined);
  if (parent !== undefined && !inside(dir, parent)) return { ok: false, reason: 'symlink' };
  const entry = await lstat(real).catch(() => undefined);
  if (entry?.isSymbolicLink()) return { ok: false, reason: 'symlink' };
  return { ok: true, real, virtual };
}
