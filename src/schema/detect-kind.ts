/**
 * Which Konnektive file a header belongs to.
 * @module
 */
import type { FileKind, TargetSpec } from './spec-types.js';

const KINDS = ['transactions', 'notes', 'details'] as const;

/**
 * Pick the file kind of a header (or a vendor template's header). The columns that belong to one
 * kind only decide (`note`, `custom1`, `cardNumber`…; customerId and dateCreated are shared): a
 * Transactions template with a few columns and one of the vendor's own is still Transactions.
 * Without any such column, the kind whose columns best overlap the header wins (ties favour
 * transactions).
 */
export function detectKind(spec: TargetSpec, header: readonly string[]): FileKind {
  const lower = new Set(header.map((h) => h.trim().toLowerCase()));
  const names = KINDS.map((kind) => spec.kinds[kind].columns.map((c) => c.name.toLowerCase()));
  const kindsOf = new Map<string, number>();
  for (const list of names) for (const n of new Set(list)) kindsOf.set(n, (kindsOf.get(n) ?? 0) + 1);
  let best: FileKind = 'transactions';
  let bestScore = -1;
  KINDS.forEach((kind, k) => {
    const columns = names[k] ?? [];
    const hits = columns.filter((n) => lower.has(n));
    const own = hits.filter((n) => kindsOf.get(n) === 1).length;
    const overlap = hits.length / columns.length + (hits.length === lower.size ? 0.5 : 0);
    const score = own * 2 + overlap;
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  });
  return best;
}
