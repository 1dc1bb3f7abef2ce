import { describe, expect, it } from 'vitest';
import { fullRow, TX_COLUMNS } from '../../test/support/konnektive-rows.js';
import { headerIndex, legacyRowWith } from '../import-model/index.js';
import { createForecast, createRunForecast } from './create-forecast.js';

describe('createRunForecast (flat memory) agrees with createForecast when rows are grouped', () => {
  it('gives the same result on a file with consecutive customer rows', () => {
    const index = headerIndex(TX_COLUMNS);
    const rows = Array.from({ length: 40 }, (_, i) =>
      fullRow(i, {
        nextBillDate: i % 7 === 0 ? '2026-11-20' : `2027-01-${String(10 + (i % 9)).padStart(2, '0')}`,
        isActiveRecurring: i % 5 === 0 ? '0' : '1',
        merchantId: i % 3 === 0 ? '9' : '7',
        dateCreated: `2026-03-${String(1 + (i % 2)).padStart(2, '0')} 10:11:12`,
      }),
    );
    const options = { importDate: '2026-12-01', imminentDays: 3, knownMerchantIds: ['7'] };
    const exact = createForecast(options);
    const run = createRunForecast(options);
    rows.forEach((r, i) => {
      const fields = TX_COLUMNS.map((c) => r[c] ?? '');
      exact.add(legacyRowWith(index, fields, i + 1));
      run.add(legacyRowWith(index, fields, i + 1));
    });
    const a = exact.result();
    expect(a.activeSubscriptions).toBeGreaterThan(0);
    expect(run.result()).toEqual(a);
  });
});
