import { describe } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import { normalizeState } from './normalize-state.js';

const inCountry = (country: string) => (raw: string) => normalizeState(raw, { country });

describe('normalizeState', () => {
  describe('accepts US codes and names', () => {
    expectNormalizes(inCountry('US'), [
      ['CA', 'CA'], // Stripe card.address_state
      ['ca', 'CA'],
      ['California', 'CA'],
      ['new york', 'NY'],
      ['NEW  YORK', 'NY'],
      ['N.Y.', 'NY'],
      ['District of Columbia', 'DC'],
      ['Washington DC', 'DC'],
      ['D.C.', 'DC'],
      ['Puerto Rico', 'PR'],
      ['Guam', 'GU'],
      ['U.S. Virgin Islands', 'VI'],
      ['AE', 'AE'],
      ['Armed Forces Pacific', 'AP'],
      ['Armed Forces Americas', 'AA'],
    ]);
    expectNormalizes(inCountry('United States'), [['Texas', 'TX']]);
  });

  describe('accepts Canadian codes and names, in English and French', () => {
    expectNormalizes(inCountry('CA'), [
      ['ON', 'ON'],
      ['Quebec', 'QC'],
      ['Québec', 'QC'],
      ['Newfoundland and Labrador', 'NL'],
      ['Newfoundland & Labrador', 'NL'],
      ['british columbia', 'BC'],
      ['Île-du-Prince-Édouard', 'PE'],
      ['PQ', 'QC', 'STATE_OBSOLETE_CODE'],
      ['NF', 'NL', 'STATE_OBSOLETE_CODE'],
    ]);
  });

  describe('accepts Australian states and names', () => {
    expectNormalizes(inCountry('AU'), [
      ['Queensland', 'QLD'], // WooCommerce sample
      ['New South Wales', 'NSW'],
      ['vic', 'VIC'],
      ['Australian Capital Territory', 'ACT'],
    ]);
    expectNormalizes(inCountry('Australia'), [['Queensland', 'QLD']]);
  });

  describe('keeps short region text for other countries', () => {
    expectNormalizes(inCountry('GB'), [
      ['Kent', 'Kent'],
      ['  Essex ', 'Essex'],
    ]);
    expectNormalizes(inCountry('DE'), [['BY', 'BY']]);
  });

  describe('tries US then CA names when the country is empty', () => {
    expectNormalizes(inCountry(''), [
      ['California', 'CA'],
      ['Ontario', 'ON'],
      ['Kent', 'Kent'],
    ]);
  });

  describe('returns empty for empty input', () => {
    expectNormalizes(inCountry('US'), [
      ['', ''],
      ['null', ''],
    ]);
  });

  describe('rejects unknown US/CA/AU states with STATE_UNKNOWN', () => {
    expectProblem(inCountry('US'), [
      ['ZZ', 'STATE_UNKNOWN'],
      ['Ontario', 'STATE_UNKNOWN'],
      ['Californya', 'STATE_UNKNOWN'],
      ['x'.repeat(1000), 'STATE_UNKNOWN'],
    ]);
    expectProblem(inCountry('CA'), [['Texas', 'STATE_UNKNOWN']]);
    expectProblem(inCountry('AU'), [['Queenslnd', 'STATE_UNKNOWN']]);
  });

  describe('rejects long region text elsewhere with STATE_TOO_LONG', () => {
    expectProblem(inCountry('GB'), [
      ['Greater London', 'STATE_TOO_LONG'],
      ['Bavaria', 'STATE_TOO_LONG'],
    ]);
  });
  describe('never throws on hostile input and answers fast', () => {
    expectTotal(inCountry('US'));
    expectTotal(inCountry('GB'));
    expectTotal(inCountry(''));
  });
});
