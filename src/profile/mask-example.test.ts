import { describe, expect, it } from 'vitest';
import { maskExample, maskPansIn } from './mask-example.js';

describe('maskExample shows at most BIN + last 4', () => {
  it.each([
    ['4111111111111111', 'pan', false, '411111******1111'],
    ['41111111xxxx1111', 'masked-pan', false, '411111**xxxx1111'],
    ['4xxxxxxxxxxx1111', 'masked-pan', false, '4xxxxxxxxxxx1111'],
    ['card_1AbCdEfGhIjK', 'token', false, 'card_…hIjK'],
    ['123456789012', 'integer', true, '********9012'],
    ['paid with 4111 1111 1111 1111 today', 'text', false, 'paid with 411111******1111 today'],
    ['2024-03-01 12:00', 'date', false, '2024-03-01 12:00'],
    ['20240301120000', 'date', false, '202403****0000'],
  ] as const)('%s', (value, kind, sensitive, expected) => {
    expect(maskExample(value, kind, sensitive)).toBe(expected);
  });

  it('leaves digit runs that are not Luhn-valid card numbers alone', () => {
    expect(maskPansIn('order 4111111111111112')).toBe('order 4111111111111112');
  });
});
