/**
 * The merchant's assignments as a to-do: every distinct plan/product value needs a Konnektive
 * campaignId and productId, every gateway/MID value a merchantId; enum columns need a value map.
 * @module
 */
import type { CollectedValues } from './collect-values.js';
import { enumMapFor } from './enum-vocabulary.js';
import type { ProposedEntry } from './propose-mapping.js';

/** One lookup table to fill in. */
export interface LookupTodo {
  readonly lookup: 'plans' | 'gateways';
  readonly column: string;
  readonly fields: readonly string[];
  readonly values: readonly string[];
  readonly capped: boolean;
}

/** An enum column: the proposed value map and the values nothing maps yet. */
export interface EnumTodo {
  readonly column: string;
  readonly role: string;
  readonly map: Readonly<Record<string, string>>;
  readonly unknown: readonly string[];
}

/** `kmigrate map` to-do. */
export interface AssignmentTodo {
  readonly lookups: readonly LookupTodo[];
  readonly enums: readonly EnumTodo[];
  /** What the merchant must decide because no column carries it. */
  readonly missing: readonly string[];
}

/** The columns whose distinct values the to-do needs. */
export function todoColumns(entries: readonly ProposedEntry[]): string[] {
  return entries
    .filter((e) => e.role === 'plan' || e.role === 'gateway' || enumMapFor(e.role, []) !== null)
    .map((e) => e.column);
}

/**
 * Build the to-do from the accepted entries and the collected values; `mapped`: the target
 * columns migration.yaml maps already (a preset's lookups), which need no to-do line.
 */
export function assignmentTodo(
  entries: readonly ProposedEntry[],
  values: CollectedValues,
  mapped: ReadonlySet<string> = new Set(),
): AssignmentTodo {
  const lookups: LookupTodo[] = [];
  const enums: EnumTodo[] = [];
  for (const e of entries) {
    const found = values.get(e.column) ?? { values: [], capped: false };
    if (e.role === 'plan')
      lookups.push({
        lookup: 'plans',
        column: e.column,
        fields: ['campaignId', 'productId'],
        values: found.values,
        capped: found.capped,
      });
    else if (e.role === 'gateway')
      lookups.push({
        lookup: 'gateways',
        column: e.column,
        fields: ['merchantId'],
        values: found.values,
        capped: found.capped,
      });
    else {
      const m = enumMapFor(e.role, found.values);
      if (m !== null) enums.push({ column: e.column, role: e.role, map: m.map, unknown: m.unknown });
    }
  }
  const missing: string[] = [];
  const planMapped = mapped.has('campaignId') && mapped.has('productId');
  if (!planMapped && !entries.some((e) => e.role === 'plan'))
    missing.push(
      'campaignId/productId: no plan or product column was found; give constant values or a lookup.',
    );
  if (!mapped.has('merchantId') && !entries.some((e) => e.role === 'gateway'))
    missing.push('merchantId: no gateway/MID column was found; give the Konnektive MID as a constant value.');
  return { lookups, enums, missing };
}
