import { describe, expect, it } from 'vitest';
import { detectKind } from './detect-kind.js';
import { builtinSpec } from './index.js';

const spec = builtinSpec();
const tx = spec.kinds.transactions.columns.map((c) => c.name);

describe('detectKind', () => {
  it.each([
    ['the full Transactions header', 'transactions', tx],
    ['columns A–R and a vendor column of its own', 'transactions', [...tx.slice(0, 18), 'affiliateId']],
    [
      'a few Transactions columns, reordered, and an unknown one',
      'transactions',
      ['dateCreated', 'customerId', 'txnType', 'x'],
    ],
    ['the Customer Notes header', 'notes', ['customerId', 'dateCreated', 'note']],
    ['notes in another case and order', 'notes', ['Note', 'CustomerId', 'DateCreated']],
    [
      'the Additional Customer Details header',
      'details',
      ['customerId', 'custom1', 'custom2', 'custom3', 'custom4', 'custom5'],
    ],
    ['details with one custom column and an unknown one', 'details', ['customerId', 'custom1', 'tier']],
    ['only the shared columns customerId and dateCreated', 'notes', ['customerId', 'dateCreated']],
    ['only customerId', 'notes', ['customerId']],
    ['nothing known', 'transactions', ['a', 'b']],
  ] as const)('%s → %s', (_, kind, header) => {
    expect(detectKind(spec, header)).toBe(kind);
  });
});
