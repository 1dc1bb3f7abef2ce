/**
 * A second streaming pass that collects the distinct values of a few columns (plan, gateway and
 * status columns), capped per column so memory stays flat.
 * @module
 */
import { detachString, maskCardNumbers } from '../core/index.js';
import type { CsvReadOptions, CsvSource } from '../csv/index.js';
import { openCsv } from '../csv/index.js';

/** Distinct values kept per column at most. */
export const MAX_VALUES = 2000;

/** Column name → distinct trimmed non-blank values (in first-seen order), and whether capped. */
export type CollectedValues = Map<string, { values: string[]; capped: boolean }>;

/** Collect the distinct values of `columns` from a CSV file (a path or its bytes). */
export async function collectValues(
  path: CsvSource,
  columns: readonly string[],
  csv: CsvReadOptions = {},
): Promise<CollectedValues> {
  const out: CollectedValues = new Map();
  if (columns.length === 0) return out;
  const reader = await openCsv(path, csv);
  const wanted = columns
    .map((name) => ({ name, index: reader.header.indexOf(name), seen: new Set<string>(), capped: false }))
    .filter((c) => c.index >= 0);
  for await (const batch of reader.batches())
    for (const record of batch)
      for (const c of wanted) {
        if (c.capped) continue;
        const value = (record.fields[c.index] ?? '').trim();
        if (value === '' || c.seen.has(value)) continue;
        // a card number (a shifted row, a PAN in a plan column) names no plan, gateway or status,
        // and must not reach the to-do, stdout or migration.yaml
        if (maskCardNumbers(value) !== value) continue;
        if (c.seen.size >= MAX_VALUES) c.capped = true;
        // a kept value holds no slice of the input's text (core/detach.ts)
        else c.seen.add(detachString(value));
      }
  for (const c of wanted) out.set(c.name, { values: [...c.seen], capped: c.capped });
  return out;
}
