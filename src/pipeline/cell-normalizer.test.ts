import { describe, expect, it } from 'vitest';
import { builtinSpec } from '../schema/index.js';
import { compilePlainNormalizer } from './cell-normalizer.js';

const columns = builtinSpec().kinds.transactions.columns;
const zones = { sourceZone: 'UTC', targetZone: 'UTC' };

function normalize(column: string, raw: string): unknown {
  const spec = columns.find((c) => c.name === column);
  if (!spec) throw new Error(column);
  return compilePlainNormalizer({ from: 'x' }, spec, {}, zones)(raw, () => '');
}

describe('id columns (text normalizer)', () => {
  it.each([
    ['customerId', "'7210448301122", '7210448301122'],
    ['orderId', " '5010 ", '5010'],
    ['merchantTxnId', "'880003", '880003'],
    ['merchantTxnId', "''88", "'88"],
    ['customerId', 'CUST-1', 'CUST-1'],
    ['customerId', '  C  1 ', 'C 1'],
  ])('%s %j → %j: one spreadsheet apostrophe removed, spaces cleaned', (column, raw, value) => {
    expect(normalize(column, raw)).toMatchObject({ ok: true, value });
  });

  it('keeps an apostrophe in other text columns', () => {
    expect(normalize('address1', "'Sunset' Blvd 1")).toMatchObject({ ok: true, value: "'Sunset' Blvd 1" });
  });
});
