import { describe, expect, it } from 'vitest';
import { findPans } from './find-pans.js';

describe('findPans', () => {
  it.each([
    ['plain', 'x 4111111111111111 y', ['4111111111111111']],
    ['spaces', 'card: 4111 1111 1111 1111.', ['4111111111111111']],
    ['dashes', '5555-5555-5555-4444', ['5555555555554444']],
    ['followed by a year', '4111 1111 1111 1111 2024', ['4111111111111111']],
    ['amex 15', '378282246310005', ['378282246310005']],
    ['Luhn-invalid', '4111111111111112', []],
    ['too short', '411111111111', []],
    ['longer run of 25 digits', '1234567890123456789012345', []],
    ['token', 'tok_abcdefgh234567abcdefgh23', []],
    ['double spaces', 'card 4111  1111  1111  1111 ok', ['4111111111111111']],
    ['spaced dashes', '4111 - 1111 - 1111 - 1111', ['4111111111111111']],
    ['amex 4-6-5 with double spaces', '3782  822463  10005', ['378282246310005']],
    ['four spaces is no longer one number', '4111    1111 1111 1111', []],
  ])('%s', (_name, text, expected) => {
    expect(findPans(text).map((h) => h.digits)).toEqual(expected);
  });
});
