/**
 * Resolve a client-supplied path inside a root without touching the disk: `.` and `..` are
 * applied, and a path that would climb above the root is refused rather than clamped.
 * @module
 */

/** The path's segments below the root, or undefined when it escapes the root or is malformed. */
export function confinePath(path: string): string[] | undefined {
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return out;
}
