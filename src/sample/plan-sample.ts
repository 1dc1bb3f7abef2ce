/**
 * The pure sample planner: which customers go to the sample. Whole customers only; strata covered
 * rarest first (one customer each, so N ≥ number of strata covers all), then filled in seeded order.
 * @module
 */
import type { LegacyRow } from '../import-model/index.js';
import { RISK_STRATA, rowStrata, type StrataOptions } from './sample-strata.js';
import { seededRank } from './seeded-rank.js';

/** Options of {@link planSample}. */
export interface SamplePlanOptions extends StrataOptions {
  /** Customers wanted in the sample. */
  readonly size: number;
  readonly seed: string;
}

/** What one stratum holds. */
export interface StratumSummary {
  readonly key: string;
  readonly kind: 'combination' | 'risk';
  readonly description: string;
  readonly customers: number;
  readonly sampled: number;
}

/** The plan: the sampled customer IDs and the strata summary. */
export interface SamplePlan {
  readonly selected: ReadonlySet<string>;
  readonly customers: number;
  readonly strata: readonly StratumSummary[];
}

/** Collects customer → strata while rows stream by. */
export class StrataCollector {
  readonly #byCustomer = new Map<string, Set<string>>();
  readonly #options: StrataOptions;

  constructor(options: StrataOptions) {
    this.#options = options;
  }

  add(r: LegacyRow): void {
    const id = r.get('customerId');
    let set = this.#byCustomer.get(id);
    if (!set) {
      set = new Set();
      this.#byCustomer.set(id, set);
    }
    for (const k of rowStrata(r, this.#options)) set.add(k);
  }

  get byCustomer(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.#byCustomer;
  }
}

/** Choose the sample from customer → strata. */
export function selectCustomers(
  byCustomer: ReadonlyMap<string, ReadonlySet<string>>,
  size: number,
  seed: string,
): SamplePlan {
  const order = [...byCustomer.keys()]
    .map((id) => ({ id, rank: seededRank(seed, id) }))
    .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => c.id);
  const members = new Map<string, string[]>();
  for (const id of order)
    for (const k of byCustomer.get(id) ?? []) {
      const list = members.get(k);
      if (list) list.push(id);
      else members.set(k, [id]);
    }
  const strata = [...members.keys()].sort(
    (a, b) => (members.get(a)?.length ?? 0) - (members.get(b)?.length ?? 0) || (a < b ? -1 : 1),
  );
  const selected = new Set<string>();
  const covered = new Set<string>();
  const take = (id: string): void => {
    selected.add(id);
    for (const k of byCustomer.get(id) ?? []) covered.add(k);
  };
  for (const k of strata) {
    if (selected.size >= size) break;
    const first = members.get(k)?.[0];
    if (!covered.has(k) && first !== undefined) take(first);
  }
  for (const id of order) {
    if (selected.size >= size) break;
    if (!selected.has(id)) take(id);
  }
  return { selected, customers: order.length, strata: summarize(members, selected) };
}

function summarize(
  members: ReadonlyMap<string, readonly string[]>,
  selected: ReadonlySet<string>,
): StratumSummary[] {
  return [...members]
    .map(([key, ids]) => {
      const risk = key.startsWith('risk:');
      return {
        key,
        kind: risk ? ('risk' as const) : ('combination' as const),
        description: risk ? RISK_STRATA[key as keyof typeof RISK_STRATA] : key,
        customers: ids.length,
        sampled: ids.filter((id) => selected.has(id)).length,
      };
    })
    .sort((a, b) => (a.kind === b.kind ? (a.key < b.key ? -1 : 1) : a.kind === 'risk' ? 1 : -1));
}

/** Plan a sample over rows held in memory (the CLI streams with {@link StrataCollector} instead). */
export function planSample(rows: Iterable<LegacyRow>, options: SamplePlanOptions): SamplePlan {
  const collector = new StrataCollector(options);
  for (const r of rows) collector.add(r);
  return selectCustomers(collector.byCustomer, options.size, options.seed);
}
