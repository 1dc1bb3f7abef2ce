import { describe, expect, it } from 'vitest';
import { applyTemplate } from './apply-template.js';
import { builtinSpec } from './load-spec.js';

const base = builtinSpec().kinds.transactions;

describe('applyTemplate', () => {
  it('keeps the built-in name of a column the template spells in another case, and its rules', () => {
    const { spec, issues } = applyTemplate(base, ['customerId', 'PaySource', 'cardNumber']);
    expect(spec.template).toBe(true);
    expect(spec.columns.map((c) => [c.name, c.spelled, c.letter])).toEqual([
      ['customerId', undefined, 'A'],
      ['paySource', 'PaySource', 'B'],
      ['cardNumber', undefined, 'C'],
    ]);
    expect(spec.columns[2]?.requiredIf).toEqual({ column: 'paySource', equals: 'CREDITCARD' });
    expect(issues.find((i) => i.code === 'TEMPLATE_NAME_CASE')?.column).toBe('PaySource');
  });

  it('ignores empty names at the end (a spreadsheet saves a trailing delimiter), refuses one inside', () => {
    const { spec, issues } = applyTemplate(base, ['customerId', 'orderId', '', ' ']);
    expect(spec.columns.map((c) => c.name)).toEqual(['customerId', 'orderId']);
    expect(issues.map((i) => i.code)).toContain('TEMPLATE_TRAILING_EMPTY');
    expect(() => applyTemplate(base, ['customerId', '', 'orderId'])).toThrow(/column 2 has no name/);
  });

  it('refuses a column named twice, also in another case (both would be the one spec column)', () => {
    expect(() => applyTemplate(base, ['customerId', 'orderId', 'customerId'])).toThrow(
      /customerId appears twice/,
    );
    expect(() => applyTemplate(base, ['customerId', 'orderId', 'CustomerId'])).toThrow(
      /CustomerId appears twice/,
    );
    expect(() => applyTemplate(base, ['customerId', 'affiliateId', 'AffiliateID'])).toThrow(
      /AffiliateID appears twice/,
    );
  });
});
