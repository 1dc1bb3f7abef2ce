/**
 * The adaptive memo in front of a column's cell pipeline (and of the date inference's
 * classification of a column's values). Cell results are pure functions of
 * the raw text (plus the country/state already written for state and postal columns), so each
 * column caches them: first the previous row's value (one string compare; customers' rows come
 * together), then a bounded map. A column whose values hardly repeat (order ids, timestamps)
 * turns its map off after {@link PROBE_MISSES} misses instead of filling it for nothing. What the
 * map keeps is detached from the input's text (core/detach.ts): a kept slice would hold its whole
 * chunk of the file.
 * @module
 */
import { detachString } from './detach.js';

/** Entries per column, across contexts: bounds memory whatever the input size. */
export const MEMO_LIMIT = 20_000;
/** Misses between two looks at the hit rate; the map is dropped when hits < misses. */
export const PROBE_MISSES = 1_000;

/**
 * The memo of one column. `lastRaw`/`lastContext`/`last` are public so that the row loop can
 * test the previous row's value inline and call {@link CellMemo.run} only when it differs.
 */
export class CellMemo<R> {
  lastRaw: string | null = null;
  lastContext = '';
  last: R | undefined = undefined;
  readonly #fn: (raw: string) => R;
  readonly #cacheable: (result: R) => boolean;
  readonly #keep: (result: R) => R;
  #maps: Map<string, Map<string, R>> | null = new Map();
  #innerContext: string | null = null;
  #inner: Map<string, R> | undefined = undefined;
  #size = 0;
  #hits = 0;
  #misses = 0;

  /**
   * Results for which `cacheable` is false (side effects to repeat) are recomputed every time.
   * `keep` gives the copy of a result the map keeps: one holding no slice of the input's text.
   */
  constructor(fn: (raw: string) => R, cacheable: (result: R) => boolean, keep: (result: R) => R) {
    this.#fn = fn;
    this.#cacheable = cacheable;
    this.#keep = keep;
  }

  /** The result for (raw, context), from the memo when it can. */
  run(raw: string, context: string): R {
    if (raw === this.lastRaw && context === this.lastContext) return this.last as R;
    return this.runAfterLast(raw, context);
  }

  /**
   * {@link run} for a caller that knows `raw` differs from the last input (it compared the text
   * itself): the result from the map, or computed. Also right when it does not differ.
   */
  runAfterLast(raw: string, context: string): R {
    const maps = this.#maps;
    if (maps === null) {
      const result = this.#fn(raw);
      return this.#cacheable(result) ? this.#remember(raw, context, result) : result;
    }
    if (context !== this.#innerContext) {
      this.#innerContext = context;
      this.#inner = maps.get(context);
    }
    const hit = this.#inner?.get(raw);
    if (hit !== undefined) {
      this.#hits++;
      return this.#remember(raw, context, hit);
    }
    const result = this.#fn(raw);
    if (!this.#cacheable(result)) return result;
    this.#store(maps, raw, context, result);
    return this.#remember(raw, context, result);
  }

  #store(maps: Map<string, Map<string, R>>, raw: string, context: string, result: R): void {
    this.#misses++;
    if (this.#misses % PROBE_MISSES === 0 && this.#hits < this.#misses) {
      this.#maps = null;
      this.#inner = undefined;
      this.#innerContext = null;
    } else if (this.#size < MEMO_LIMIT) {
      let inner = this.#inner;
      if (inner === undefined) {
        inner = new Map();
        this.#inner = inner;
        maps.set(context, inner);
      }
      inner.set(detachString(raw), this.#keep(result));
      this.#size++;
    }
  }

  #remember(raw: string, context: string, result: R): R {
    this.lastRaw = raw;
    this.lastContext = context;
    this.last = result;
    return result;
  }
}
