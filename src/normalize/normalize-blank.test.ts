import { describe } from 'vitest';
import { expectNormalizes, expectTotal } from './expect-normalize.test-helper.js';
import { normalizeBlank } from './normalize-blank.js';

describe('normalizeBlank', () => {
  describe('treats placeholders and whitespace as empty', () => {
    expectNormalizes(normalizeBlank, [
      ['null', ''], // NMI fixture
      ['NULL', ''],
      ['N/A', ''],
      ['n/a', ''],
      ['#N/A', ''],
      ['Not Applicable', ''], // Authorize.net Reference Transaction ID
      ['none', ''],
      ['-', ''],
      ['', ''],
      ['   \t ', ''],
      ['  null  ', ''],
    ]);
  });

  describe('keeps real values, trimmed', () => {
    expectNormalizes(normalizeBlank, [
      [' 4008081888597346', '4008081888597346'], // NMI-style vault id with a leading space (not Luhn-valid)
      ['NA', 'NA'], // Namibia; not a default placeholder
      ['0', '0'],
      ['nullable', 'nullable'],
      ['Jane', 'Jane'],
    ]);
  });

  describe('uses a configured placeholder list instead of the default', () => {
    const placeholders = ['0', 'unknown'];
    expectNormalizes(
      (raw) => normalizeBlank(raw, { placeholders }),
      [
        ['0', ''], // WooCommerce "0" for no date
        ['UNKNOWN', ''],
        ['null', 'null'],
      ],
    );
  });
  describe('never throws on hostile input and answers fast', () => {
    expectTotal(normalizeBlank);
  });
});
