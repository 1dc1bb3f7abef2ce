import { describe, expect, it } from 'vitest';
import { findPresetFile, PRESETS } from './index.js';
import { packedCellsAdapter, unpackCell } from './packed-cells.js';

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
