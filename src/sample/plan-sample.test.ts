import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LegacyRow, legacyRow } from '../import-model/index.js';
import { planSample, type SamplePlanOptions } from './plan-sample.js';

const HEADER = [
  'customerId',
  'merchantId',
  'campaignId',
  'productId',
  'isActiveRecurring',
  'nextBillDate',
  'paySource',
  'billShipSame',
  'country',
  'txnType',
  'responseType',
  'cardExpiryMonth',
  'cardExpiryYear',
];

const rowArb = fc.tuple(
  fc.constantFrom(
    'c1',
    'c2',
    'c3',
    'c4',
    'c5',
    'c6',
    'c7',
    'c8',
    'c9',
    'c10',
    'c11',
    'c12',
    'c13',
    'c14',
    'c15',
  ),
  fc.constantFrom('7', '8'),
  fc.constantFrom('12', '13'),
  fc.constantFrom('101', '102'),
  fc.constantFrom('0', '1'),
  fc.constantFrom('2026-05-30', '2026-06-02', '2026-07-01', '2027-01-15'),
  fc.constantFrom('CREDITCARD', 'CHECK'),
  fc.constantFrom('0', '1'),
  fc.constantFrom('US', 'CA'),
  fc.constantFrom('SALE', 'SALE', 'REFUND'),
  fc.constantFrom('SUCCESS', 'SUCCESS', 'DECLINE'),
  fc.constantFrom('01', '12'),
  fc.constantFrom('2026', '2030'),
);

const filesArb = fc.array(rowArb, { minLength: 1, maxLength: 80 });

const opts = (size: number, seed = 's'): SamplePlanOptions => ({
  size,
  seed,
  importDate: '2026-06-01',
  imminentUntil: '2026-06-04',
  homeCountry: 'US',
});

const toRows = (file: readonly (readonly string[])[]): LegacyRow[] =>
  file.map((f, i) => legacyRow(HEADER, f, i + 1));

function split(file: readonly (readonly string[])[], size: number, seed = 's') {
  const rows = toRows(file);
  const plan = planSample(rows, opts(size, seed));
  const sample = file.filter((f) => plan.selected.has(f[0] ?? ''));
  const remainder = file.filter((f) => !plan.selected.has(f[0] ?? ''));
  return { plan, sample, remainder };
}

const key = (f: readonly string[]): string => f.join(',');

describe('sample planner (properties over random files)', () => {
  it('never splits a customer between sample and remainder', () => {
    fc.assert(
      fc.property(filesArb, fc.integer({ min: 1, max: 20 }), (file, size) => {
        const { sample, remainder } = split(file, size);
        const inSample = new Set(sample.map((f) => f[0]));
        expect(remainder.some((f) => inSample.has(f[0]))).toBe(false);
      }),
    );
  });

  it('sample ∪ remainder = input as multisets of rows, and they are disjoint', () => {
    fc.assert(
      fc.property(filesArb, fc.integer({ min: 1, max: 20 }), (file, size) => {
        const { sample, remainder } = split(file, size);
        expect([...sample, ...remainder].map(key).sort()).toEqual(file.map(key).sort());
        expect(sample.length + remainder.length).toBe(file.length);
      }),
    );
  });

  it('is deterministic for a seed, whatever the row order', () => {
    fc.assert(
      fc.property(filesArb, fc.integer({ min: 1, max: 20 }), fc.string(), (file, size, seed) => {
        const a = split(file, size, seed).plan;
        const b = split([...file].reverse(), size, seed).plan;
        expect([...b.selected].sort()).toEqual([...a.selected].sort());
        expect(b.strata).toEqual(a.strata);
      }),
    );
  });

  it('takes min(N, customers) whole customers', () => {
    fc.assert(
      fc.property(filesArb, fc.integer({ min: 1, max: 20 }), (file, size) => {
        const { plan } = split(file, size);
        expect(plan.selected.size).toBe(Math.min(size, plan.customers));
      }),
    );
  });

  it('covers every stratum when N ≥ the number of strata', () => {
    fc.assert(
      fc.property(filesArb, fc.integer({ min: 0, max: 5 }), (file, extra) => {
        const strata = split(file, 1).plan.strata.length;
        const { plan } = split(file, strata + extra);
        expect(plan.strata.filter((s) => s.sampled === 0)).toEqual([]);
      }),
    );
  });
});

describe('sample strata', () => {
  it('names the risk strata and the combinations', () => {
    const file = [
      ['a', '7', '12', '101', '1', '2026-06-02', 'CREDITCARD', '1', 'US', 'SALE', 'SUCCESS', '01', '2026'],
      ['b', '8', '12', '101', '0', '', 'CHECK', '0', 'CA', 'REFUND', 'DECLINE', '', ''],
    ];
    const keys = split(file, 2).plan.strata.map((s) => s.key);
    expect(keys).toEqual([
      'mid 7 × campaign 12 × product 101 | active | CREDITCARD | billShipSame=1 | domestic',
      'mid 8 × campaign 12 × product 101 | inactive | CHECK | billShipSame=0 | foreign',
      'risk:decline',
      'risk:expiring-card',
      'risk:imminent-next-bill',
      'risk:refund',
    ]);
  });
});
