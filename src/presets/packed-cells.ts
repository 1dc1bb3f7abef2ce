/**
 * The packed-cell adapter: a cell holding `key:value|key:value` pairs (WooCommerce
 * `order_items`, `payment_method_post_meta`) becomes one virtual column per known key, named
 * `cell.key` (e.g. `order_items.product_id`). Several items in one cell are separated by `;`.
 * The record's row carries the first item; the further items of an *itemized* cell are the
 * caller's to row out (WooCommerce: one row per product); in any other cell they are dropped and
 * reported. A missing
 * cell or key gives blanks.
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

/** The pairs of one packed item (`key:value|key:value`). */
function unpackItem(item: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const part of item.split('|')) {
    const at = part.indexOf(':');
    if (at <= 0) continue;
    const key = part.slice(0, at).trim();
    if (!pairs.has(key)) pairs.set(key, part.slice(at + 1).trim());
  }
  return pairs;
}

/** Split one packed cell into its first item's pairs. */
export function unpackCell(text: string): Map<string, string> {
  return unpackItem(text.split(';')[0] ?? '');
}

/** Every item of a packed cell (at least one; empty items after the first are not items). */
export function unpackItems(text: string): Map<string, string>[] {
  const [first = '', ...rest] = text.split(';');
  return [unpackItem(first), ...rest.filter((t) => t.trim() !== '').map(unpackItem)];
}

/** True when a packed cell holds a second, non-empty item. */
function hasSecondItem(text: string): boolean {
  const at = text.indexOf(';');
  return at >= 0 && text.slice(at + 1).trim() !== '';
}

/**
 * An adapter unpacking the given cells' keys; null when the header has none of the cells. Further
 * items of the `itemized` cell are not reported as dropped: the caller rows them out.
 */
export function packedCellsAdapter(
  header: readonly string[],
  cells: Readonly<Record<string, readonly string[]>>,
  itemized?: string,
): RecordAdapter | null {
  const plan: { index: number; keys: readonly string[]; itemized: boolean }[] = [];
  const extraHeader: string[] = [];
  for (const [cell, keys] of Object.entries(cells)) {
    const index = header.findIndex((h) => foldName(h) === foldName(cell));
    if (index < 0) continue;
    plan.push({ index, keys, itemized: itemized !== undefined && foldName(cell) === foldName(itemized) });
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
        if (!p.itemized && hasSecondItem(text)) {
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
