import { describe, expect, it } from 'vitest';
import { legacyRow } from '../import-model/index.js';
import { createForecast } from './create-forecast.js';
import { renderForecastSection } from './render-forecast.js';

const HEADER = [
  'customerId',
  'productId',
  'merchantId',
  'isActiveRecurring',
  'nextBillDate',
  'dateCreated',
  'txnType',
  'responseType',
  'subTotal',
  'shippingPrice',
  'salesTax',
  'totalAmount',
  'paySource',
  'cardExpiryMonth',
  'cardExpiryYear',
];

let n = 0;
function row(values: Partial<Record<(typeof HEADER)[number], string>>) {
  const base: Record<string, string> = {
    customerId: 'C1',
    productId: '101',
    merchantId: '7',
    isActiveRecurring: '1',
    nextBillDate: '2026-07-01',
    dateCreated: '2026-01-01 00:00:00',
    txnType: 'SALE',
    responseType: 'SUCCESS',
    subTotal: '29.95',
    shippingPrice: '5.00',
    salesTax: '0.00',
    totalAmount: '',
    paySource: 'CREDITCARD',
    cardExpiryMonth: '12',
    cardExpiryYear: '2030',
    ...values,
  };
  return legacyRow(
    HEADER,
    HEADER.map((h) => base[h] ?? ''),
    ++n,
  );
}

describe('createForecast', () => {
  it('counts each subscription once, by its latest row, with its latest sale amount', () => {
    const f = createForecast({ importDate: '2026-06-01' });
    f.add(row({ dateCreated: '2026-02-01 00:00:00', nextBillDate: '2026-07-01', subTotal: '39.95' }));
    f.add(row({ dateCreated: '2026-01-01 00:00:00', nextBillDate: '2026-06-01' }));
    f.add(row({ customerId: 'C2', merchantId: '8' }));
    f.add(row({ customerId: 'C3', isActiveRecurring: '0' }));
    const r = f.result();
    expect(r.activeSubscriptions).toBe(2);
    expect(r.expectedAmount).toBe('79.90');
    expect(r.byDay).toEqual([{ date: '2026-07-01', count: 2, amount: '79.90' }]);
    expect(r.byMerchant.map((m) => [m.merchantId, m.count, m.amount])).toEqual([
      ['7', 1, '44.95'],
      ['8', 1, '34.95'],
    ]);
  });

  it('prices a past-due subscription (every attempt declined) by its latest declined attempt, never 0.00', () => {
    const f = createForecast({ importDate: '2026-06-01' });
    /** A sale attempt of `amount` (shipping and tax 0) on the 1st of `month`. */
    const attempt = (customerId: string, month: string, responseType: string, amount: string) =>
      row({
        customerId,
        dateCreated: `2026-${month}-01 00:00:00`,
        responseType,
        subTotal: amount,
        shippingPrice: '0',
        salesTax: '0',
        totalAmount: '',
      });
    // past due: two declined rebills, the latest at the new price
    f.add(attempt('D', '04', 'DECLINE', '19.95'));
    f.add(attempt('D', '05', 'DECLINE', '24.95'));
    // an approved sale wins over a later declined attempt
    f.add(attempt('A', '03', 'SUCCESS', '10.00'));
    f.add(attempt('A', '05', 'DECLINE', '99.00'));
    const r = f.result();
    expect(r.activeSubscriptions).toBe(2);
    expect(r.expectedAmount).toBe('34.95');
  });

  it('flags past, imminent, expiring cards, unknown MIDs and spikes', () => {
    const f = createForecast({
      importDate: '2026-06-01',
      imminentDays: 3,
      spikeThreshold: 2,
      knownMerchantIds: ['7'],
    });
    f.add(row({ customerId: 'P', nextBillDate: '2026-05-31' }));
    f.add(row({ customerId: 'I', nextBillDate: '2026-06-04' }));
    f.add(
      row({ customerId: 'E', nextBillDate: '2026-09-01', cardExpiryMonth: '08', cardExpiryYear: '2026' }),
    );
    f.add(row({ customerId: 'U', merchantId: '99', nextBillDate: '2026-09-01' }));
    f.add(row({ customerId: 'S', nextBillDate: '2026-09-01' }));
    const r = f.result().risks;
    expect(r.pastDue.examples.map((e) => e.customerId)).toEqual(['P']);
    expect(r.imminent.examples.map((e) => e.customerId)).toEqual(['I']);
    expect(r.expiringCards.examples.map((e) => [e.customerId, e.detail])).toEqual([
      ['E', 'card expires 2026-08'],
    ]);
    expect(r.unknownMerchants.examples.map((e) => e.customerId)).toEqual(['U']);
    expect(r.spikes).toEqual([{ date: '2026-09-01', count: 3, amount: '104.85' }]);
  });

  it('a MID written with a leading zero is the same MID, on either side', () => {
    for (const [known, inFile] of [
      ['03', '3'],
      ['3', '03'],
      ['03', '03'],
    ]) {
      const f = createForecast({ importDate: '2026-06-01', knownMerchantIds: [known ?? ''] });
      f.add(row({ customerId: 'A', merchantId: inFile ?? '', nextBillDate: '2026-09-01' }));
      expect(f.result().risks.unknownMerchants.count, `${known} vs ${inFile}`).toBe(0);
    }
  });

  it('renders a chart and the risk tables, escaped', () => {
    const f = createForecast({ importDate: '2026-06-01' });
    f.add(row({ customerId: '<script>' }));
    const html = renderForecastSection(f.result());
    expect(html).toContain('<svg');
    expect(html).toContain('Rebill forecast');
    expect(html).not.toContain('<script>');
  });
  it('a next bill date that is no calendar date is no bill day: not listed, not compared, never shown', () => {
    const f = createForecast({ importDate: '2026-06-01' });
    // a card number pasted into nextBillDate (the check reports it as TYPE_DATE)
    f.add(row({ nextBillDate: '4111111111111111', cardExpiryYear: '2030' }));
    f.add(row({ customerId: 'C2', nextBillDate: '2026-02-30' }));
    const r = f.result();
    expect(r.activeSubscriptions).toBe(2);
    expect(r.byDay.map((d) => d.date)).toEqual(['(none)']);
    expect(r.risks.expiringCards.count).toBe(0);
    expect(r.risks.pastDue.count).toBe(2);
    expect(JSON.stringify(r)).not.toContain('4111111111111111');
    expect(renderForecastSection(r)).not.toContain('4111111111111111');
  });
  it('a card number pasted into merchantId, productId or customerId is shown masked', () => {
    const f = createForecast({ importDate: '2026-06-01' });
    f.add(row({ merchantId: '4111111111111111', nextBillDate: '2026-06-02' }));
    f.add(row({ customerId: '5555555555554444', productId: '4012888888881881', nextBillDate: '2026-05-01' }));
    const r = f.result();
    expect(r.byMerchant.map((m) => m.merchantId)).toEqual(['411111******1111', '7']);
    expect(r.risks.imminent.examples[0]?.merchantId).toBe('411111******1111');
    const text = `${JSON.stringify(r)}${renderForecastSection(r)}`;
    for (const pan of ['4111111111111111', '5555555555554444', '4012888888881881'])
      expect(text).not.toContain(pan);
  });
});
