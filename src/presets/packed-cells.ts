/**
 * The packed-cell adapter: a cell holding `key:value|key:value` pairs (WooCommerce
 * `order_items`, `payment_method_post_meta`) becomes one virtual column per known key, named
 * `cell.key` (e.g. `order_items.product_id`). Several items in one cell are separated by `;`;
 * the first item's values are used. A missing cell or key gives blanks.
 * @module
 */
import type { RecordAdapter } from './preset-types.js';

/** The fold used for header matching: case, spaces and punctuation do not count. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Split one packed cell into its first item's pairs. */
export function unpackCell(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const first = text.split(';')[0] ?? '';
  for (const part of first.split('|')) {
    const at = part.indexOf(':');
    if (at <= 0) continue;
    const key = part.slice(0, at).trim();
    if (!pairs.has(key)) pairs.set(key, part.slice(at + 1).trim());
  }
  return pairs;
}

/** True when a packed cell holds a second, non-empty item. */
function hasSecondItem(text: string): boolean {
  const at = text.indexOf(';');
  return at >= 0 && text.slice(at + 1).trim() !== '';
}

/** An adapter unpacking the given cells' keys; null when the header has none of the cells. */
export function packedCellsAdapter(
  header: readonly string[],
  cells: Readonly<Record<string, readonly string[]>>,
): RecordAdapter | null {
  const plan: { index: number; keys: readonly string[] }[] = [];
  const extraHeader: string[] = [];
  for (const [cell, keys] of Object.entries(cells)) {
    const index = header.findIndex((h) => foldName(h) === foldName(cell));
    if (index < 0) continue;
    plan.push({ index, keys });
    for (const k of keys) extraHeader.push(`${cell}.${k}`);
  }
  if (plan.length === 0) return null;
  // records whose packed cell holds more than one item: only the first is carried over
  const several = { count: 0, rows: [] as number[], cells: new Set<string>() };
  return {
    extraHeader,
    expand: (fields, row) => {
      const out: string[] = [];
      for (const p of plan) {
        const text = fields[p.index] ?? '';
        const pairs = unpackCell(text);
        for (const k of p.keys) out.push(pairs.get(k) ?? '');
        if (hasSecondItem(text)) {
          several.count++;
          several.cells.add(header[p.index] ?? '');
          if (several.rows.length < 10) several.rows.push(row);
        }
      }
      return out;
    },
    notes: () =>
      several.count === 0
        ? []
        : [
            {
              code: 'PACKED_ITEMS_DROPPED',
              message: `${several.count} record(s) hold several items in ${[...several.cells].join(', ')} (rows ${several.rows.join(', ')}${several.count > several.rows.length ? ', …' : ''}); only the first item of each is imported — add the others by hand or split those records.`,
            },
          ],
  };
}
