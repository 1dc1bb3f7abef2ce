import { describe } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import { normalizePostalCode } from './normalize-postal-code.js';

const us = (state?: string) => (raw: string) =>
  normalizePostalCode(raw, state === undefined ? { country: 'US' } : { country: 'US', state });

describe('normalizePostalCode', () => {
  describe('accepts US ZIP and ZIP+4', () => {
    expectNormalizes(us(), [
      ['90210', '90210'], // Stripe
      ['02139', '02139'],
      ['12345-6789', '12345-6789'],
      ['123456789', '12345-6789'],
      ['12345 6789', '12345-6789'],
      ["'02139", '02139'], // apostrophe-prefixed (spreadsheet text marker)
      ['  30301 ', '30301'],
    ]);
    expectNormalizes((raw) => normalizePostalCode(raw, { country: 'United States' }), [['10001', '10001']]);
  });

  describe('restores leading zeros in 0-prefix states with POSTAL_LEADING_ZERO_RESTORED', () => {
    expectNormalizes(us('MA'), [
      ['2139', '02139', 'POSTAL_LEADING_ZERO_RESTORED'],
      ['2139-4307', '02139-4307', 'POSTAL_LEADING_ZERO_RESTORED'],
      ['21394307', '02139-4307', 'POSTAL_LEADING_ZERO_RESTORED'],
    ]);
    expectNormalizes(us('Massachusetts'), [['2139', '02139', 'POSTAL_LEADING_ZERO_RESTORED']]);
    expectNormalizes(us('CT'), [['6103', '06103', 'POSTAL_LEADING_ZERO_RESTORED']]);
    expectNormalizes(us('NJ'), [['7030', '07030', 'POSTAL_LEADING_ZERO_RESTORED']]);
    expectNormalizes(us('PR'), [
      ['901', '00901', 'POSTAL_LEADING_ZERO_RESTORED'],
      ['6011234', '00601-1234', 'POSTAL_LEADING_ZERO_RESTORED'], // ZIP+4 saved as a number
    ]);
    expectNormalizes(us('AE'), [['9001', '09001', 'POSTAL_LEADING_ZERO_RESTORED']]);
    expectNormalizes(
      (raw) => normalizePostalCode(raw, { country: 'PR' }),
      [['725', '00725', 'POSTAL_LEADING_ZERO_RESTORED']],
    );
  });

  describe('rejects unprovable short ZIPs with POSTAL_LEADING_ZERO_LOST', () => {
    expectProblem(us(), [['2139', 'POSTAL_LEADING_ZERO_LOST']]);
    expectProblem(us('CA'), [['2139', 'POSTAL_LEADING_ZERO_LOST']]);
    expectProblem(us('MA'), [['9999', 'POSTAL_LEADING_ZERO_LOST']]); // 09999 is not a MA prefix
    expectProblem(us('NY'), [['501', 'POSTAL_LEADING_ZERO_LOST']]);
  });

  describe('rejects malformed US ZIPs with POSTAL_INVALID', () => {
    expectProblem(us(), [
      ['ABCDE', 'POSTAL_INVALID'],
      ['123456', 'POSTAL_INVALID'],
      ['12', 'POSTAL_INVALID'],
      ['12345-67', 'POSTAL_INVALID'],
      ['9'.repeat(1000), 'POSTAL_INVALID'],
    ]);
  });

  describe('accepts Canadian postal codes as A1A 1A1', () => {
    expectNormalizes(
      (raw) => normalizePostalCode(raw, { country: 'CA' }),
      [
        ['K1A 0B1', 'K1A 0B1'],
        ['k1a0b1', 'K1A 0B1'],
        ['M5V-3L9', 'M5V 3L9'],
        ['  h2x  1y4 ', 'H2X 1Y4'],
      ],
    );
    expectProblem(
      (raw) => normalizePostalCode(raw, { country: 'Canada' }),
      [
        ['90210', 'POSTAL_INVALID'],
        ['D1A 0B1', 'POSTAL_INVALID'],
      ],
    );
  });

  describe('restores leading zeros where every code has the same number of digits', () => {
    const inCountry = (country: string) => (raw: string) => normalizePostalCode(raw, { country });
    expectNormalizes(inCountry('AU'), [
      ['800', '0800', 'POSTAL_LEADING_ZERO_RESTORED'], // Darwin NT, saved as a number
      ['2600', '2600'],
      ['0800', '0800'],
    ]);
    expectNormalizes(inCountry('Australia'), [['870', '0870', 'POSTAL_LEADING_ZERO_RESTORED']]);
    expectNormalizes(inCountry('DE'), [
      ['1067', '01067', 'POSTAL_LEADING_ZERO_RESTORED'],
      ['10115', '10115'],
    ]);
    expectNormalizes(inCountry('IT'), [['118', '00118', 'POSTAL_LEADING_ZERO_RESTORED']]);
    expectNormalizes(inCountry('NO'), [['150', '0150', 'POSTAL_LEADING_ZERO_RESTORED']]);
    expectNormalizes(inCountry('FR'), [['1000', '01000', 'POSTAL_LEADING_ZERO_RESTORED']]);
    expectNormalizes(inCountry('MX'), [['6600', '06600', 'POSTAL_LEADING_ZERO_RESTORED']]);
    // not all digits, or a country whose codes vary in length: kept as written
    expectNormalizes(inCountry('DE'), [['D-1067', 'D-1067']]);
    expectNormalizes(inCountry('GB'), [['800', '800']]);
    expectProblem(inCountry('AU'), [
      ['80', 'POSTAL_INVALID'], // 0080 is no Australian postcode
      ['100', 'POSTAL_INVALID'],
    ]);
    expectProblem(inCountry('DE'), [['999', 'POSTAL_INVALID']]);
  });

  describe('keeps other countries trimmed and upper-cased', () => {
    expectNormalizes(
      (raw) => normalizePostalCode(raw, { country: 'GB' }),
      [
        ['sw1a 1aa', 'SW1A 1AA'],
        ['EC1A  1BB', 'EC1A 1BB'],
      ],
    );
    expectNormalizes((raw) => normalizePostalCode(raw, { country: 'AU' }), [['4000', '4000']]);
    expectNormalizes((raw) => normalizePostalCode(raw, { country: 'DE' }), [["'01067", '01067']]);
    expectProblem(
      (raw) => normalizePostalCode(raw, { country: 'GB' }),
      [
        ['SW1A 1AA LONDON', 'POSTAL_TOO_LONG'],
        ['SW1A_1AA', 'POSTAL_INVALID'],
      ],
    );
  });

  describe('returns empty for empty input', () => {
    expectNormalizes(us(), [
      ['', ''],
      ["'", ''],
      ['N/A', ''],
    ]);
  });
  describe('never throws on hostile input and answers fast', () => {
    expectTotal(us('MA'));
    expectTotal((raw) => normalizePostalCode(raw, { country: 'CA' }));
    expectTotal((raw) => normalizePostalCode(raw, { country: 'GB' }));
  });
});
