/**
 * The lookup keys that had no entry: the merchant's to-do list (report.json `lookupTodo`).
 * @module
 */
import { detachString } from '../core/index.js';

/** Distinct values kept per table (the to-do list is for people; a runaway column stops here). */
const MAX_VALUES = 10_000;

/**
 * The lookup keys without an entry, per table, each with the number of source records it was
 * missed in. A miss is noted while a row is transformed and counted when its record is known
 * ({@link settle}): the rows of one source record — its several products, a REFUND row derived
 * from it — and the columns reading one table (campaignId and productId from `plans`) count the
 * record once.
 */
export class LookupMisses {
  /** Misses of the row being transformed, as table, key, table, key … */
  readonly #pending: string[] = [];
  readonly #counts = new Map<string, Map<string, number>>();
  /** Per table NUL key: the source record (row number) it was last counted for. */
  readonly #last = new Map<string, number>();

  /** A table some column looks values up in: listed (empty until a miss) in {@link byTable}. */
  table(table: string): void {
    if (!this.#counts.has(table)) this.#counts.set(table, new Map());
  }

  /** A miss of `key` in `table` by the row being transformed. */
  note(table: string, key: string): void {
    this.#pending.push(table, key);
  }

  /** Count the misses noted since the last call for source record `row` (its data row number). */
  settle(row: number): void {
    const pending = this.#pending;
    for (let i = 0; i < pending.length; i += 2) {
      const table = pending[i] as string;
      const key = pending[i + 1] as string;
      const id = `${table}\u0000${key}`;
      if (this.#last.get(id) === row) continue;
      const counts = this.#counts.get(table) ?? new Map<string, number>();
      this.#counts.set(table, counts);
      const n = counts.get(key);
      if (n === undefined && counts.size >= MAX_VALUES) continue;
      // keys kept for the whole build hold no slice of the input's text (core/detach.ts)
      if (n === undefined) counts.set(detachString(key), 1);
      else counts.set(key, n + 1);
      this.#last.set(detachString(id), row);
    }
    pending.length = 0;
  }

  /** Per table, each missing key and the number of source records it was missed in. */
  get byTable(): ReadonlyMap<string, ReadonlyMap<string, number>> {
    return this.#counts;
  }
}
