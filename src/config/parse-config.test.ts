import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from './parse-config.js';

const root = mkdtempSync(join(tmpdir(), 'kmigrate-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BASE = `version: 1
sources:
  - { name: orders, file: orders.csv }
transactions:
  source: orders
  columns:
    txnType: { from: Type, map: { 01: SALE, 02: REFUND } }
`;

async function load(text: string) {
  const path = join(root, 'migration.yaml');
  writeFileSync(path, text);
  return (await readConfig(path)).config;
}

describe('readConfig', () => {
  it('keeps a number-like lookup key as written (007 stays 007, 1.10 stays 1.10), as source values are', async () => {
    const config = await load(`${BASE}lookups:
  plans:
    007: { campaignId: 12, productId: 101 }
    1.10: { campaignId: 12, productId: 102 }
    0x1F: { campaignId: 12, productId: 103 }
    42: { campaignId: 12, productId: 104 }
    "": { campaignId: 30, productId: 300 }
  gateways:
    01: "7"
`);
    expect(Object.keys(config.lookups.plans ?? {}).sort()).toEqual(['', '007', '0x1F', '1.10', '42']);
    expect(config.lookups.gateways).toEqual({ '01': '7' });
  });

  it('keeps a number-like enum map key as written', async () => {
    const config = await load(BASE);
    expect(config.transactions.columns.txnType?.map).toEqual({ '01': 'SALE', '02': 'REFUND' });
  });

  it('refuses a key written twice, once as a number and once quoted (007 and "007")', async () => {
    await expect(
      load(`${BASE}lookups:\n  plans:\n    007: { campaignId: 12 }\n    "007": { campaignId: "" }\n`),
    ).rejects.toMatchObject({ code: 'CONFIG_YAML_SYNTAX' });
  });

  it('refuses an alias bomb with a coded config error, not an internal one', async () => {
    const bomb = `${BASE}x:
  a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
`;
    await expect(load(bomb)).rejects.toMatchObject({ code: 'CONFIG_YAML_SYNTAX' });
  });
});

describe('readConfig: lookup keys that are names of object internals', () => {
  it('keeps a plan named constructor, __proto__ or prototype as an own entry (they were dropped)', async () => {
    const config = await load(`${BASE}lookups:
  plans:
    constructor: { campaignId: 1, productId: 2 }
    __proto__: { campaignId: 3, productId: 4 }
    prototype: { campaignId: 5, productId: 6 }
    gold: { campaignId: 7, productId: 8 }
`);
    const plans = config.lookups.plans ?? {};
    expect(Object.keys(plans).sort()).toEqual(['__proto__', 'constructor', 'gold', 'prototype']);
    expect(Object.getOwnPropertyDescriptor(plans, '__proto__')?.value).toEqual({
      campaignId: 3,
      productId: 4,
    });
    expect(Object.getPrototypeOf(plans)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).campaignId).toBeUndefined();
  });
});
