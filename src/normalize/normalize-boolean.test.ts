import { describe } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import { normalizeBoolean } from './normalize-boolean.js';

const bool = (raw: string) => normalizeBoolean(raw);

describe('normalizeBoolean', () => {
  describe('accepts yes/no values in any case as 1/0', () => {
    expectNormalizes(bool, [
      ['TRUE', '1'], // Recurly
      ['FALSE', '0'],
      ['true', '1'],
      ['t', '1'],
      ['F', '0'],
      ['Yes', '1'],
      ['no', '0'],
      ['Y', '1'],
      ['n', '0'],
      ['1', '1'],
      ['0', '0'],
      ['on', '1'],
      ['OFF', '0'],
      ['Enabled', '1'], // UltraCart
      ['Disabled', '0'],
      [' yes ', '1'],
      ['', ''],
      ['null', ''],
    ]);
  });

  describe('accepts configured extra values, which win over defaults', () => {
    const options = { trueValues: ['active', 'wc-active'], falseValues: ['cancelled', 'N'] };
    expectNormalizes(
      (raw) => normalizeBoolean(raw, options),
      [
        ['Active', '1'],
        ['wc-active', '1'],
        ['cancelled', '0'],
        ['yes', '1'],
      ],
    );
  });

  describe('rejects anything else with BOOLEAN_INVALID', () => {
    expectProblem(bool, [
      ['maybe', 'BOOLEAN_INVALID'],
      ['2', 'BOOLEAN_INVALID'],
      ['active', 'BOOLEAN_INVALID'],
      ['yes!', 'BOOLEAN_INVALID'],
      ['x'.repeat(100), 'BOOLEAN_INVALID'],
    ]);
  });
  describe('never throws on hostile input and answers fast', () => {
    expectTotal(bool);
  });
});
