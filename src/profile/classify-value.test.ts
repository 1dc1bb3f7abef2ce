import { describe, expect, it } from 'vitest';
import type { ValueKind } from './classify-value.js';
import { classifyValue } from './classify-value.js';
import { ColumnProfiler } from './column-profiler.js';
import { summarizeColumn } from './summarize-column.js';

describe('classifyValue', () => {
  it.each<[string, ValueKind]>([
    ['4111111111111111', 'pan'],
    ['4111 1111 1111 1111', 'pan'],
    ['378282246310005', 'pan'],
    ['3782 822463 10005', 'pan'],
    ['3056-930902-5904', 'pan'],
    ['4111111111111112', 'integer'],
    ['4xxxxxxxxxxx1111', 'masked-pan'],
    ['XXXX9876', 'masked-pan'],
    ['411111******1111', 'masked-pan'],
    ['XXXX', 'masked-pan'],
    ['4.11111E+15', 'scientific'],
    ['card_1AbCdEfGhIjK', 'token'],
    ['ada@example.com', 'email'],
    ['2024-07-13 10:00', 'date'],
    ['13/07/2024', 'date'],
    ['21-Aug-2002 03:26:12 PM MDT', 'date'],
    ['20150312215205', 'date'],
    ['49,95', 'decimal'],
    ['1.234,50', 'decimal'],
    ['$12.00', 'money'],
    ['02139', 'integer'],
    ['(123)123-1234', 'phone'],
    ['312-555-1234 x12', 'phone'],
    ['+15555552000', 'phone'],
    ['TRUE', 'boolean'],
    ['null', 'placeholder'],
    ['Not Applicable', 'placeholder'],
    ['CA', 'state-code'],
    ['US', 'country-code'],
    ['Queensland', 'state-name'],
    ['Australia', 'country-name'],
    ['Denver', 'text'],
    ['active', 'text'],
  ])('%s → %s', (value, kind) => {
    expect(classifyValue(value)).toBe(kind);
  });
});

describe('classifyValue: money as the money normalizer reads it', () => {
  it.each([
    'US$ 10.00',
    'US$10.00',
    'C$5',
    'CA$ 12.50',
    'A$7.00',
    '10.00 US$',
    '29.95 C$',
    '$US 5',
    '5 $US',
    '29,95 $ CA',
    '$CA 29,95',
    '(US$ 10.00)',
    '-C$5',
    'USD 10.00',
    '10.00 usd',
    '12,50 €',
    '€1.234,50',
    '£12.00',
    'CAD 1,234.50',
  ])('%s is money', (value) => {
    expect(classifyValue(value)).toBe('money');
  });

  it.each([
    ['US$', 'text'],
    ['C$', 'text'],
    ['US$ ten', 'text'],
    ['ABCD$12', 'text'],
    ['Gold plan', 'text'],
  ] as const)('%s is not money (%s)', (value, kind) => {
    expect(classifyValue(value)).toBe(kind);
  });
});

describe('ColumnProfiler: the format of a column of dollar-prefixed amounts', () => {
  const profile = (name: string, values: readonly string[]) => {
    const p = new ColumnProfiler(name, 0);
    for (const v of values) p.add(v);
    return summarizeColumn(p, values.length);
  };
  it.each([
    [['US$ 10.00', 'US$ 1,250.00', 'US$ 5.50'], "decimal '.'"],
    [['C$5.25', 'C$12.00', 'C$7.10'], "decimal '.'"],
    [['10.00 US$', '12.50 US$', '1,000.00 US$'], "decimal '.'"],
    [['$US 5,25', '$US 12,00', '$US 1.000,00'], "decimal ','"],
    [['29,95 $ CA', '12,50 $ CA', '1 000,00 $ CA'], "decimal ','"],
  ] as const)('%j: money, %s', (values, format) => {
    const c = profile('Total', values);
    expect([c.type, c.format]).toEqual(['money', format]);
  });
  it('reads them in a column whose header says nothing of money', () => {
    expect(profile('Col7', ['US$ 10.00', 'C$5.25', '29,95 $ CA']).type).toBe('money');
  });
});
