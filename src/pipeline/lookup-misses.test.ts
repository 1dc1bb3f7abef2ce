import { describe, expect, it } from 'vitest';
import { LookupMisses } from './lookup-misses.js';

const counts = (m: LookupMisses) =>
  Object.fromEntries([...m.byTable].map(([table, values]) => [table, Object.fromEntries(values)]));

describe('LookupMisses: the to-do list counts source records', () => {
  it('counts a value once per source record, however many rows and columns of the record miss it', () => {
    const m = new LookupMisses();
    // record 1: campaignId and productId from plans, then its REFUND row (the same row number)
    m.note('plans', 'gold');
    m.note('plans', 'gold');
    m.settle(1);
    m.note('plans', 'gold');
    m.note('mids', 'stripe');
    m.settle(1);
    // record 2: a second product with another plan
    m.note('plans', 'gold');
    m.note('plans', 'silver');
    m.settle(2);
    m.note('plans', 'bronze');
    m.settle(2);
    expect(counts(m)).toEqual({ plans: { gold: 2, silver: 1, bronze: 1 }, mids: { stripe: 1 } });
  });

  it('lists the tables looked up in, counts nothing before settle, and each noted miss once', () => {
    const m = new LookupMisses();
    m.table('plans');
    m.table('mids');
    m.note('plans', 'gold');
    expect(counts(m)).toEqual({ plans: {}, mids: {} });
    m.settle(7);
    m.settle(8);
    expect(counts(m)).toEqual({ plans: { gold: 1 }, mids: {} });
  });
});
