import { describe, expect, it } from 'vitest';
import { validateConfig } from './parse-config.js';

function problems(columns: Record<string, unknown>, lookups: Record<string, unknown> = {}): string[] {
  const r = validateConfig({
    version: 1,
    sources: [{ name: 'orders', file: 'o.csv' }],
    transactions: { source: 'orders', columns },
    lookups,
  });
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

const plans = { plans: { Gold: { campaignId: 12, productId: 101 } }, mids: { Stripe: '7' } };

describe('validateConfig: mappings that would fail every row', () => {
  it('accepts lookups read the way their tables hold them', () => {
    expect(
      problems(
        {
          productId: { from: 'Plan', lookup: 'plans', field: 'productId' },
          merchantId: { from: 'Gateway', lookup: 'mids' },
          responseType: { from: 'Status', normalize: 'enum', map: { ok: 'SUCCESS', no: 'DECLINE' } },
          phoneNumber: { from: 'Phone', region: 'GB' },
        },
        plans,
      ),
    ).toEqual([]);
  });

  it('names a lookup field no entry has, a record table read without field, a plain table read with one', () => {
    expect(
      problems(
        {
          productId: { from: 'Plan', lookup: 'plans', field: 'productID' },
          campaignId: { from: 'Plan', lookup: 'plans' },
          merchantId: { from: 'Gateway', lookup: 'mids', field: 'id' },
        },
        plans,
      ),
    ).toEqual([
      'transactions.columns.productId.field: no entry of lookup table plans has a field productID (did you mean productId?)',
      'transactions.columns.campaignId.field: lookup table plans holds records: say which field (field: …)',
      'transactions.columns.merchantId.field: lookup table mids holds plain values: remove field',
    ]);
  });

  it('names an unknown phone region, an enum map value the column does not allow, and a typo of a key', () => {
    expect(
      problems({
        phoneNumber: { from: 'Phone', region: 'XX' },
        responseType: { from: 'Status', normalize: 'enum', map: { approved: 'APPROVED' } },
      }),
    ).toEqual([
      'transactions.columns.phoneNumber.region: XX is not a phone region: use an ISO country code such as US or GB',
      'transactions.columns.responseType.map.approved: APPROVED is not a value of responseType (SUCCESS, DECLINE)',
    ]);
    expect(problems({ phoneNumber: { from: 'Phone', normalise: 'phone' } })).toEqual([
      'transactions.columns.phoneNumber.normalise: unknown key "normalise" (a typo? see docs/migration-config.md)',
    ]);
  });
});
