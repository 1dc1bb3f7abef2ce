import { describe, expect, it } from 'vitest';
import { validateConfig } from './parse-config.js';

const base = {
  version: 1,
  sources: [
    { name: 'payments', file: 'p.csv', preset: 'stripe.payments' },
    { name: 'customers', file: 'c.csv', key: 'id' },
    { name: 'cards', file: 'k.csv', sensitive: ['card.number'] },
  ],
  transactions: { source: 'payments', columns: { customerId: { from: 'customers.id' } } },
};

function problems(extra: Record<string, unknown>): string[] {
  const r = validateConfig({ ...base, ...extra });
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('validateConfig: joins and derive', () => {
  it('accepts chained joins, else, prefer and derivations', () => {
    expect(
      problems({
        joins: [
          { from: 'payments.Customer ID', to: 'customers.id', required: true },
          {
            from: 'customers.Card',
            to: 'cards.card.id',
            else: { from: 'payments.Customer ID', to: 'cards.id' },
            prefer: { column: 'default_source', equalsColumn: 'card.id' },
          },
        ],
        derive: {
          orders: { id: 'payments.id', by: 'payments.Invoice ID' },
          duplicates: { source: 'customers', email: 'Email' },
        },
      }),
    ).toEqual([]);
  });

  it('keeps a config without joins valid (backward compatible)', () => {
    expect(problems({})).toEqual([]);
  });

  it.each([
    [{ joins: [{ from: 'nope.x', to: 'customers.id' }] }, 'joins.0.from: no source named nope'],
    [
      { joins: [{ from: 'cards.id', to: 'customers.id' }] },
      'joins.0.from: cards is neither the transactions source nor joined by an earlier join',
    ],
    [
      {
        joins: [
          { from: 'payments.a', to: 'customers.id' },
          { from: 'payments.b', to: 'customers.id' },
        ],
      },
      'joins.1.to: customers is already joined (or is the transactions source)',
    ],
    [
      { joins: [{ from: 'payments.a', to: 'customers.id', else: { from: 'payments.b', to: 'cards.id' } }] },
      'joins.0.else.to: else must join the same source as to',
    ],
    [
      { derive: { duplicates: { source: 'customers', email: 'Email' } } },
      'derive.duplicates.source: customers must be a joined source',
    ],
    [
      { derive: { orders: { id: 'customers.id' } } },
      'derive.orders.id: orders are derived from columns of the transactions source',
    ],
    [
      { joins: [{ from: 'payments Customer', to: 'customers.id' }] },
      'joins.0.from: must be source.Column, e.g. customers.Email',
    ],
  ])('%j', (extra, message) => {
    expect(problems(extra)).toContain(message);
  });
});
