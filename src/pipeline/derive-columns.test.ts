import { describe, expect, it } from 'vitest';
import { compileSubscription, isPositiveAmount } from './derive-columns.js';

const derive = compileSubscription(
  {
    status: 's.status',
    active: ['active', 'trialing'],
    trialing: ['trialing'],
    periodEnd: 's.end',
    trialEnd: 's.trial',
    autoRenew: 's.renew',
    none: ['0'],
  },
  { status: 0, periodEnd: 1, trialEnd: 2, autoRenew: 3 },
);

describe('compileSubscription', () => {
  it.each([
    [
      ['active', '2027-01-15', '', 'TRUE'],
      ['1', '2027-01-15'],
    ],
    [
      ['Active ', '2027-01-15', '', ''],
      ['1', '2027-01-15'],
    ],
    [
      ['trialing', '2027-02-01', '2026-12-17', 'true'],
      ['1', '2026-12-17'],
    ],
    [
      ['trialing', '2027-02-01', '', 'true'],
      ['1', '2027-02-01'],
    ],
    [
      ['active', '2027-01-15', '', 'FALSE'],
      ['0', ''],
    ],
    [
      ['canceled', '2027-01-15', '', 'TRUE'],
      ['0', ''],
    ],
    [
      ['active', '0', '', 'TRUE'],
      ['1', ''],
    ],
    [
      ['', '', '', ''],
      ['0', ''],
    ],
  ])('%j → %j', (fields, expected) => {
    expect(derive(fields)).toEqual(expected);
  });
});

describe('isPositiveAmount (refunded amounts that make a REFUND row)', () => {
  it.each([
    ['5.00', true],
    [' 10 ', true],
    ['$1,234.56', true],
    ['12,50', true],
    ['0.00', false],
    ['0', false],
    ['', false],
    ['null', false],
    ['-5.00', false],
    ['(5.00)', false],
    ['n/a', false],
  ])('%j → %s', (value, expected) => {
    expect(isPositiveAmount(value)).toBe(expected);
  });
});
