import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type MigrationConfig, validateConfig } from '../config/index.js';
import { builtinSpec } from '../schema/index.js';
import type { ColumnInference } from './cell-normalizer.js';
import { compileRowPlan } from './row-plan.js';

const CONFIG = `version: 1
target: { importDate: "2026-12-01" }
sources:
  - { name: orders, file: orders.csv }
transactions:
  source: orders
  columns:
    customerId: { from: Customer }
    campaignId: { from: Plan, lookup: plans, field: campaignId }
    productId: { from: Plan, lookup: plans, field: productId }
    txnType: { from: Type, normalize: enum, map: { sale: SALE, refund: REFUND } }
    state: { from: State }
    country: { from: Country }
    postalCode: { from: Zip }
    firstName: { from: Name, normalize: first-name }
    lastName: { from: Name, normalize: last-name }
    shipCountry: { from: Ship Country }
    billShipSame: { derive: billShipSame }
    paySource: { value: CREDITCARD }
lookups:
  plans:
    Gold: { campaignId: 12, productId: 101 }
    Silver: { campaignId: 12, productId: 102 }
`;
const HEADER = ['Customer', 'Plan', 'Type', 'State', 'Country', 'Zip', 'Name', 'Ship Country'];
/** Values per source column: clean ones, blanks, ones with problems, ones whose output depends on another cell. */
const VALUES: readonly (readonly string[])[] = [
  ['C1', 'C2', ''],
  ['Gold', 'Silver', 'Platinum', ''],
  ['sale', 'refund', 'Sale', 'other', ''],
  ['IL', 'Illinois', 'Ontario', 'BY', ''],
  ['US', 'United States', 'CA', 'DE', ''],
  ['02139', '2139', 'K1A 0B1', '80331', ''],
  ['Avery Testwood', 'Cher', '  Avery  Testwood ', ''],
  ['', 'US', 'DE'],
];

function plan() {
  const result = validateConfig(parse(CONFIG));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const config: MigrationConfig = result.config;
  const spec = builtinSpec().kinds.transactions;
  return compileRowPlan(config.transactions, spec, HEADER, config, new Map(), {
    sourceZone: 'UTC',
    targetZone: 'UTC',
  });
}

describe('RowPlan.versions', () => {
  it('marks every cell whose value differs from the row before as changed in this row', () => {
    const row = fc.tuple(...VALUES.map((values) => fc.constantFrom(...values)));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const p = plan();
        let previous: readonly string[] | null = null;
        let serial = p.versions.serial;
        for (const fields of rows) {
          const out = [...p.transform(fields).fields];
          expect(p.versions.serial).toBe(++serial);
          out.forEach((value, i) => {
            if (previous !== null && value !== previous[i])
              expect(p.versions.changedAt[i], `${p.columns[i]} changed`).toBe(serial);
          });
          // the list of changed cells: exactly those marked in this row, each once
          const { changed, changedCount } = p.versions;
          const listed = [...(changed ?? []).slice(0, changedCount ?? 0)].sort((a, b) => a - b);
          const marked = out.flatMap((_, i) => (p.versions.changedAt[i] === serial ? [i] : []));
          expect(listed).toEqual(marked);
          previous = out;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('leaves cells that keep their value unmarked (so their rules are not run again)', () => {
    const p = plan();
    const fields = ['C1', 'Gold', 'sale', 'IL', 'US', '02139', 'Avery Testwood', ''];
    p.transform(fields);
    p.transform(fields.map((f) => `${f} `.trim())); // equal text, other string objects
    const changed = p.columns.filter((_, i) => p.versions.changedAt[i] === p.versions.serial);
    expect(changed).toEqual([]);
    p.transform([...fields.slice(0, 1), 'Silver', ...fields.slice(2)]);
    expect(p.columns.filter((_, i) => p.versions.changedAt[i] === p.versions.serial)).toEqual(['productId']);
  });
});

/** The plan of a transactions section mapping `columns` (YAML lines) from a source with `header`. */
function planWith(
  columns: string,
  header = ['Phone', 'Next', 'Country'],
  inference: Map<string, ColumnInference> = new Map(),
) {
  const result = validateConfig(
    parse(`version: 1
sources:
  - { name: orders, file: orders.csv }
transactions:
  source: orders
  columns:
${columns}`),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return compileRowPlan(
    result.config.transactions,
    builtinSpec().kinds.transactions,
    header,
    result.config,
    inference,
    { sourceZone: 'UTC', targetZone: 'UTC' },
  );
}

describe('a mapping default', () => {
  const column = (p: ReturnType<typeof planWith>, name: string, fields: string[]) => {
    const outcome = p.transform(fields);
    return [outcome.fields[p.columns.indexOf(name)], outcome.problems.map((x) => x.problem.code)];
  };

  it('is normalized like a source value when the cell is empty (or normalizes to empty)', () => {
    const p = planWith(`    phoneNumber: { from: Phone, default: "(555) 010-4477" }
    nextBillDate: { from: Next, default: "2027-01-15" }
    country: { from: Country, default: "United States" }`);
    expect(column(p, 'phoneNumber', ['', '', ''])).toEqual(['5550104477', []]);
    expect(column(p, 'phoneNumber', ['(555) 010-9999', '', ''])).toEqual(['5550109999', []]);
    expect(column(p, 'nextBillDate', ['', '', ''])).toEqual(['2027-01-15', []]);
    expect(column(p, 'country', ['', '', ''])).toEqual(['US', []]);
  });

  it('a default the column cannot take is an error that says it is the default', () => {
    const p = planWith('    nextBillDate: { from: Next, default: "next month" }');
    const outcome = p.transform(['', '', '']);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]?.problem.severity).toBe('error');
    expect(outcome.problems[0]?.problem.message).toMatch(/^The mapping's default: /);
    // a source value is read as before
    expect(column(p, 'nextBillDate', ['', '2027-02-01', ''])).toEqual(['2027-02-01', []]);
  });

  it('is read in its canonical form, whatever the source column is written like', () => {
    // a decimal-comma column still takes default "0.00"
    const p = planWith(
      '    shippingPrice: { from: Shipping, default: "0.00" }',
      ['Shipping'],
      new Map([['shippingPrice', { decimal: ',' as const }]]),
    );
    expect(column(p, 'shippingPrice', ['4,95'])).toEqual(['4.95', []]);
    expect(column(p, 'shippingPrice', [''])).toEqual(['0.00', []]);
    // …and one written like the column's values
    const comma = planWith(
      '    shippingPrice: { from: Shipping, default: "1,50" }',
      ['Shipping'],
      new Map([['shippingPrice', { decimal: ',' as const }]]),
    );
    expect(column(comma, 'shippingPrice', [''])).toEqual(['1.50', []]);
  });

  it("is read with the mapping's own format and decimal options", () => {
    const p = planWith(
      `    nextBillDate: { from: Next, format: DMY, default: "01/02/2027" }
    shippingPrice: { from: Phone, decimal: ",", default: "0,50" }`,
    );
    expect(column(p, 'nextBillDate', ['', '', ''])).toEqual(['2027-02-01', []]);
    expect(column(p, 'shippingPrice', ['', '', ''])).toEqual(['0.50', []]);
  });
});

describe('derive: billShipSame', () => {
  const p = planWith(
    `    address1: { from: Street }
    city: { from: City }
    shipAddress1: { from: Ship Street }
    shipCity: { from: Ship City }
    billShipSame: { derive: billShipSame }`,
    ['Street', 'City', 'Ship Street', 'Ship City'],
  );
  const same = (fields: string[]) => p.transform(fields).fields[p.columns.indexOf('billShipSame')];

  it.each([
    [['1 Main St', 'Springfield', '', ''], '1'], // no ship-to address
    [['1 Main St', 'Springfield', '1 main st', 'SPRINGFIELD'], '1'], // the same, case aside
    [['1 Main St', 'Springfield', '1 Main St', ''], '1'], // the same street, the city left blank
    [['1 Main St', 'Springfield', '9 Elm St', ''], '0'], // another street
    [['1 Main St', 'Springfield', '1 Main St', 'Shelbyville'], '0'], // another city
  ])('%j → %s', (fields, expected) => {
    expect(same(fields)).toBe(expected);
  });
});
