import { describe, expect, it } from 'vitest';
import { maskCardNumbers } from './redact.js';

describe('maskCardNumbers masks a card number however its digits are grouped', () => {
  it.each([
    ['4111111111111111', '411111******1111'],
    ['card 4111 1111 1111 1111 on file', 'card 411111******1111 on file'],
    ['4111-1111-1111-1111', '411111******1111'],
    // dots, as some spreadsheets and European exports group digits
    ['4111.1111.1111.1111', '411111******1111'],
    ['[got "5555.5555.5555.4444"]', '[got "555555******4444"]'],
    // every grouping the scanner finds (a card beside other digits, wider gaps, no-break spaces)
    ['card 4111 1111 1111 1111 2024', 'card 411111******1111 2024'],
    ['4111111111111111 2024', '411111******1111 2024'],
    ['ref 12 4111111111111111', 'ref 12 411111******1111'],
    ['4012  8888  8888  1881', '401288******1881'],
    ['x 4012 - 8888 - 8888 - 1881 y', 'x 401288******1881 y'],
    ['4012\u00a08888\u00a08888\u00a01881', '401288******1881'],
    ['4012\u202f8888\u202f8888\u202f1881', '401288******1881'],
    ['4111 1111\n1111 1111', '411111******1111'],
    ['two: 4111111111111111, 5555555555554444', 'two: 411111******1111, 555555******4444'],
  ])('%s', (text, shown) => {
    expect(maskCardNumbers(text)).toBe(shown);
  });

  it('leaves other numbers alone: not Luhn-valid, too short, or a plain amount', () => {
    expect(maskCardNumbers('order 4111111111111112')).toBe('order 4111111111111112');
    expect(maskCardNumbers('total 1234.50')).toBe('total 1234.50');
    expect(maskCardNumbers('2026.11.27')).toBe('2026.11.27');
  });
});
