import { describe, expect, it } from 'vitest';
import { findPresetFile, PRESETS } from './index.js';
import { packedCellsAdapter, unpackCell, unpackItems } from './packed-cells.js';

describe('unpackCell', () => {
  it.each([
    [
      'product_id:5179|quantity:1|total:9.09|tax:0.91',
      { product_id: '5179', quantity: '1', total: '9.09', tax: '0.91' },
    ],
    ['product_id:1|total:2;product_id:3|total:4', { product_id: '1', total: '2' }],
    [
      'meta:size=Large+colour=Midnight Black|product_id:7',
      { meta: 'size=Large+colour=Midnight Black', product_id: '7' },
    ],
    ['', {}],
    ['garbage', {}],
  ])('%s', (cell, expected) => {
    expect(Object.fromEntries(unpackCell(cell))).toEqual(expected);
  });
});

describe('packedCellsAdapter', () => {
  it('adds one virtual column per key, matching the cell header loosely', () => {
    const a = packedCellsAdapter(['id', 'Order Items'], { order_items: ['product_id', 'total'] });
    expect(a?.extraHeader).toEqual(['order_items.product_id', 'order_items.total']);
    expect(a?.expand(['1', 'product_id:5|total:9.00'], 1)).toEqual(['5', '9.00']);
    expect(a?.notes?.()).toEqual([]);
  });

  it('notes the records whose cell holds several items (only the first is carried over)', () => {
    const a = packedCellsAdapter(['id', 'order_items'], { order_items: ['product_id'] });
    expect(a?.expand(['1', 'product_id:5;product_id:6'], 7)).toEqual(['5']);
    expect(a?.expand(['2', 'product_id:8;'], 8)).toEqual(['8']);
    expect(a?.notes?.().map((n) => [n.code, n.message.includes('rows 7)')])).toEqual([
      ['PACKED_ITEMS_DROPPED', true],
    ]);
  });

  it("does not report an itemized cell's further items as dropped (its caller rows them out)", () => {
    const a = packedCellsAdapter(
      ['id', 'order_items', 'meta'],
      { order_items: ['product_id', 'total'], meta: ['token'] },
      'order_items',
    );
    const f = ['1', 'product_id:5|total:9.00;product_id:6|total:3.00; ;product_id:7', 'token:t1'];
    expect(a?.expand(f, 1)).toEqual(['5', '9.00', 't1']);
    expect(a?.notes?.()).toEqual([]);
    expect(unpackItems(f[1] ?? '').map((i) => i.get('product_id'))).toEqual(['5', '6', '7']);
  });

  it('is null when the file has none of the cells', () => {
    expect(packedCellsAdapter(['id'], { order_items: ['product_id'] })).toBeNull();
  });
});

describe('presets', () => {
  it('every preset file has a vendor.file id, headers and a commented config', () => {
    for (const p of PRESETS) {
      expect(p.configYaml).toMatch(/^# kmigrate migration/);
      for (const f of p.files) {
        expect(f.id.startsWith(`${p.id}.`)).toBe(true);
        expect(f.headers.length).toBeGreaterThan(0);
        expect(findPresetFile(f.id)).toBe(f);
      }
    }
  });
});

describe('WooCommerce subscriptions adapter: one row per product', () => {
  const file = findPresetFile('woocommerce.subscriptions');
  const header = [...(file?.headers ?? [])];
  const adapter = file?.adapter?.(header);
  const record = (cells: Record<string, string>): string[] => header.map((h) => cells[h] ?? '');
  const shares = (values: readonly string[] | undefined): string[] => {
    const extra = adapter?.extraHeader ?? [];
    return ['item.shipping', 'item.tax', 'item.total', 'item.txn_id'].map(
      (c) => values?.[extra.indexOf(c)] ?? 'absent',
    );
  };

  it('a one-product subscription keeps the order amounts and its id', () => {
    const f = record({
      subscription_id: '7',
      order_items: 'product_id:1|total:9.09|tax:0.91',
      order_shipping: '5.00',
      order_tax: '0.91',
      order_total: '15.00',
    });
    expect(shares(adapter?.expand(f, 1))).toEqual(['5.00', '0.91', '15.00', '7']);
    expect(adapter?.items?.(f, 1)).toEqual([]);
  });

  it('several products: the rows add up to the order (shipping and the rest of the tax on the first)', () => {
    const f = record({
      subscription_id: '8',
      order_items:
        'product_id:1|total:10.00|tax:1.00;product_id:2|total:4.00|tax:0.40;product_id:3|total:2.50',
      order_shipping: '3.00',
      order_tax: '1.40',
      order_total: '20.90',
    });
    const rows = [adapter?.expand(f, 1), ...(adapter?.items?.(f, 1) ?? [])];
    expect(rows.map(shares)).toEqual([
      ['3.00', '1.00', '14.00', '8'],
      ['', '0.40', '4.40', '8-2'],
      ['', '0.00', '2.50', '8-3'],
    ]);
  });

  it('amounts written with a decimal comma are split and written the same way', () => {
    const f = record({
      subscription_id: '10',
      order_items: 'product_id:1|total:1.015,00|tax:1,50;product_id:2|total:5,00|tax:0,50',
      order_shipping: '4,95',
      order_tax: '2,00',
      order_total: '1.026,45',
    });
    const rows = [adapter?.expand(f, 1), ...(adapter?.items?.(f, 1) ?? [])];
    expect(rows.map(shares)).toEqual([
      ['4,95', '1,50', '1020,95', '10'],
      ['', '0,50', '5,50', '10-2'],
    ]);
  });

  it('lines of one product (variations) are one row: quantities, totals and taxes added', () => {
    const f = record({
      subscription_id: '12',
      order_items:
        'product_id:5180|quantity:1|total:14.00|tax:1.00|meta:size=S;product_id:7|quantity:1|total:5.00;product_id:5180|quantity:2|total:10.00|tax:0.50|meta:size=L',
      order_tax: '1.50',
      order_total: '30.50',
    });
    const extra = adapter?.extraHeader ?? [];
    const line = (values: readonly string[] | undefined) =>
      ['product_id', 'quantity', 'total', 'tax'].map((k) => values?.[extra.indexOf(`order_items.${k}`)]);
    const rows = [adapter?.expand(f, 1), ...(adapter?.items?.(f, 1) ?? [])];
    expect(rows.map(line)).toEqual([
      ['5180', '3', '24.00', '1.50'],
      ['7', '1', '5.00', ''],
    ]);
    // 30.50 = 25.50 (5180: 24.00 + tax 1.50, no shipping) + 5.00
    expect(rows.map(shares)).toEqual([
      ['', '1.50', '25.50', '12'],
      ['', '0.00', '5.00', '12-2'],
    ]);
    // two lines of one product only: one row, at the order's amounts
    const g = record({
      subscription_id: '13',
      order_items: 'product_id:5180|quantity:1|total:14.00;product_id:5180|quantity:1|total:10.00',
      order_total: '24.00',
    });
    expect(adapter?.items?.(g, 2)).toEqual([]);
    expect(line(adapter?.expand(g, 2))).toEqual(['5180', '2', '24.00', '']);
    expect(shares(adapter?.expand(g, 2))).toEqual(['', '', '24.00', '13']);
  });

  it('whole-number amounts are split into whole numbers (no separator evidence added to the column)', () => {
    const f = record({
      subscription_id: '11',
      order_items: 'product_id:1|total:15|tax:0;product_id:2|total:5|tax:0',
      order_tax: '0',
      order_total: '20',
    });
    const rows = [adapter?.expand(f, 1), ...(adapter?.items?.(f, 1) ?? [])];
    expect(rows.map(shares)).toEqual([
      ['', '0', '15', '11'],
      ['', '0', '5', '11-2'],
    ]);
  });

  it('a record whose amounts cannot be split stays one row with the order amounts, and is reported', () => {
    const a = file?.adapter?.(header);
    for (const [n, cells] of [
      [1, { order_tax: 'n/a', order_total: '3.00' }],
      [2, { order_tax: '1.00', order_total: '3.00' }],
      [3, { order_tax: '1.00', order_total: '20,00', order_items: 'total:10.00;total:4,50' }],
      // 1.000 reads as one thousand or as 1 with three decimals: not decided by the record
      [4, { order_tax: '0', order_total: '2.000', order_items: 'total:1.000;total:1.000' }],
    ] as const) {
      const f = record({
        subscription_id: '9',
        order_items: 'product_id:1|total:10.00;product_id:2|total:4.00',
        ...cells,
      });
      expect(a?.items?.(f, n)).toEqual([]);
      expect(shares(a?.expand(f, n)).slice(1, 3)).toEqual([cells.order_tax, cells.order_total]);
    }
    expect(a?.notes?.().map((x) => [x.code, x.message.includes('rows 1, 2, 3, 4')])).toEqual([
      ['PACKED_ITEMS_DROPPED', true],
    ]);
  });
});
