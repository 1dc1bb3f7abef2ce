/**
 * Which Konnektive file a header belongs to.
 * @module
 */
import type { FileKind, TargetSpec } from './spec-types.js';

/** Pick the file kind whose columns best overlap the header (ties favour transactions). */
export function detectKind(spec: TargetSpec, header: readonly string[]): FileKind {
  const lower = new Set(header.map((h) => h.trim().toLowerCase()));
  let best: FileKind = 'transactions';
  let bestScore = -1;
  for (const kind of ['transactions', 'notes', 'details'] as const) {
    const columns = spec.kinds[kind].columns;
    const hits = columns.filter((c) => lower.has(c.name.toLowerCase())).length;
    const score = hits / columns.length + (hits === lower.size ? 0.5 : 0);
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  return best;
}
