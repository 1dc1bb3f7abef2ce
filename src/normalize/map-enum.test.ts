import { describe, expect, it } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import { mapEnum } from './map-enum.js';

const TXN_TYPES = ['SALE', 'AUTHORIZE', 'CAPTURE', 'REFUND'] as const;
const txnType = (raw: string) =>
  mapEnum(raw, {
    map: {
      sale: 'SALE',
      auth_only: 'AUTHORIZE',
      'Authorization w/ Auto Capture': 'SALE',
      credit: 'REFUND',
      Refund: 'REFUND',
    },
    allowed: TXN_TYPES,
  });

describe('mapEnum', () => {
  describe('passes exact allowed values through', () => {
    expectNormalizes(txnType, [
      ['SALE', 'SALE'],
      ['CAPTURE', 'CAPTURE'],
      [' REFUND ', 'REFUND'],
    ]);
  });

  describe('maps source vocabulary, case-insensitively by default', () => {
    expectNormalizes(txnType, [
      ['auth_only', 'AUTHORIZE'],
      ['AUTH_ONLY', 'AUTHORIZE'],
      ['Authorization w/ Auto Capture', 'SALE'],
      ['authorization  w/ auto capture', 'SALE'],
      ['credit', 'REFUND'],
      ['sale', 'SALE'],
    ]);
  });

  describe('fixes case-only mismatches to allowed values with ENUM_CASE_FIXED', () => {
    expectNormalizes(txnType, [
      ['capture', 'CAPTURE', 'ENUM_CASE_FIXED'],
      ['Authorize', 'AUTHORIZE', 'ENUM_CASE_FIXED'],
    ]);
    expectNormalizes(
      (raw) => mapEnum(raw, { map: {}, allowed: ['SUCCESS', 'DECLINE'] }),
      [
        ['success', 'SUCCESS', 'ENUM_CASE_FIXED'],
        ['Decline', 'DECLINE', 'ENUM_CASE_FIXED'],
      ],
    );
  });

  describe('matches map keys exactly when caseInsensitive is false', () => {
    const strict = (raw: string) => mapEnum(raw, { map: { checking: 'CHECKING' }, caseInsensitive: false });
    expectNormalizes(strict, [['checking', 'CHECKING']]);
    expectProblem(strict, [['Checking', 'ENUM_UNMAPPED']]);
  });

  describe('writes the default for empty input', () => {
    const withDefault = (raw: string) => mapEnum(raw, { map: { checking: 'CHECKING' }, default: 'CHECKING' });
    expectNormalizes(withDefault, [
      ['', 'CHECKING'],
      ['N/A', 'CHECKING'],
    ]);
    expectNormalizes(txnType, [['', '']]);
  });

  describe('rejects unknown values with ENUM_UNMAPPED', () => {
    expectProblem(txnType, [
      ['void', 'ENUM_UNMAPPED'],
      ['constructor', 'ENUM_UNMAPPED'],
      ['__proto__', 'ENUM_UNMAPPED'],
      ['4111111111111111', 'ENUM_UNMAPPED'],
    ]);
  });

  describe('shows a rejected value only when it is short and cannot be sensitive', () => {
    const received = (raw: string) => {
      const result = txnType(raw);
      return result.ok ? undefined : result.problem.received;
    };
    it.each([
      ['void', 'void'],
      ['Settled Successfully', 'Settled Successfully'],
      ['4111111111111111', '16-digit number'],
      ['order 1234567', 'text of 13 characters'],
      ['jane@example.com', 'text of 16 characters'],
      ['x'.repeat(41), 'text of 41 characters'],
    ])('%j → %j', (input, expected) => {
      expect(received(input)).toBe(expected);
    });
  });
  describe('never throws on hostile input and answers fast', () => {
    expectTotal(txnType);
  });
});
