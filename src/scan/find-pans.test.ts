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
    ['dots', 'card 4012.8888.8888.1881 on file', ['4012888888881881']],
    ['dots, amex 4-6-5', '3782.822463.10005', ['378282246310005']],
    ['dots and spaces', '4111. 1111.1111.1111', []],
    ['dots after a card', '4111 1111 1111 1111.', ['4111111111111111']],
    ['no-break spaces', 'x 4012\u00a08888\u00a08888\u00a01881 y', ['4012888888881881']],
    ['narrow no-break and thin spaces', '4012\u202f8888\u20098888\u202f1881', ['4012888888881881']],
    // the UTF-8 bytes of U+00A0 and U+202F read as latin1 (how scan reads a file)
    ['UTF-8 no-break spaces', '4012\xc2\xa08888\xc2\xa08888\xc2\xa01881', ['4012888888881881']],
    [
      'UTF-8 narrow no-break spaces',
      '4012\xe2\x80\xaf8888\xe2\x80\xaf8888\xe2\x80\xaf1881',
      ['4012888888881881'],
    ],
    // one dot is a decimal point: the integer part does not join the fraction
    ['a decimal number', '4.111111111111111', []],
    ['a fraction that is a card', '0.4111111111111111', ['4111111111111111']],
    // a SHA-256 whose digits read as a Luhn-valid Diners number (a build's report.json held it)
    [
      'digits inside a SHA-256',
      '"sha256": "87ea703fc7778cfe9376560d0cb4d8eb393c304091038268043d632851dc8c93"',
      [],
    ],
    // (built from parts: the repository holds no card-like number but published test ones)
    ['the same digits in a short token', `ref c${'3040910'}${'38268043'}d`, [`${'3040910'}${'38268043'}`]],
    ['a card beside a hash is still found', `${'f'.repeat(40)} 4111111111111111`, ['4111111111111111']],
    ['upper-case SHA-1', `x ${'ABCDEF0'.repeat(2)}A4111111111111111F${'0'.repeat(8)} y`, []],
    // a card glued to hex-looking text is a card (tokenize must find it)
    ['glued to hex on one side', '4111111111111111abcdef0123456789', ['4111111111111111']],
    ['hex on both sides, not a hash length', 'ref:deadbeef4111111111111111beef', ['4111111111111111']],
    [
      'hex on both sides, hash length, but inside a longer word',
      `key_${'dead'.repeat(4)}4111111111111111${'beef'.repeat(4)}`,
      ['4111111111111111'],
    ],
    [
      'a hash-length word that starts with the card',
      `${'5555555555554444'}${'f'.repeat(48)}`,
      ['5555555555554444'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(findPans(text).map((h) => h.digits)).toEqual(expected);
  });
});
