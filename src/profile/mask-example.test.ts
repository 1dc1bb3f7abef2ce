import { describe, expect, it } from 'vitest';
import { maskCardNumbers } from '../core/index.js';
import { classifyValue } from './classify-value.js';
import { columnHints } from './column-hints.js';
import { maskExample } from './mask-example.js';

describe('maskExample shows at most BIN + last 4', () => {
  it.each([
    ['4111111111111111', 'pan', false, '411111******1111'],
    ['41111111xxxx1111', 'masked-pan', false, '411111**xxxx1111'],
    ['4xxxxxxxxxxx1111', 'masked-pan', false, '4xxxxxxxxxxx1111'],
    ['card_1AbCdEfGhIjK', 'token', false, 'card_…hIjK'],
    ['123456789012', 'integer', true, '********9012'],
    ['paid with 4111 1111 1111 1111 today', 'text', false, 'paid with 411111******1111 today'],
    ['2024-03-01 12:00', 'date', false, '2024-03-01 12:00'],
    ['routing 021000021 acct 9876543210', 'text', false, 'routing *****0021 acct ******3210'],
    ['IBAN GB82WEST12345698765432', 'text', false, 'IBAN GB82WEST**********5432'],
    ['Suite 1200, 5 Main St', 'text', false, 'Suite 1200, 5 Main St'],
    ['20240301120000', 'date', false, '202403****0000'],
  ] as const)('%s', (value, kind, sensitive, expected) => {
    expect(maskExample(value, kind, sensitive)).toBe(expected);
  });

  it('leaves digit runs that are not Luhn-valid card numbers alone', () => {
    expect(maskCardNumbers('order 4111111111111112')).toBe('order 4111111111111112');
  });
});

describe('columns whose values are never shown', () => {
  it.each([
    ['password', 'hunter2secret', 'text of 13 characters'],
    ['api_key', 'sk_live_abcdef123456', 'text of 20 characters'],
    ['x_card_code', '123', '3-digit number'],
    ['cv2', '456', '3-digit number'],
    ['Card Code', '789', '3-digit number'],
  ])('%s: only the shape', (header, value, shown) => {
    const hints = columnHints(header);
    expect(hints).toMatchObject({ hidden: true, sensitive: true });
    expect(maskExample(value, classifyValue(value), hints.sensitive, hints.hidden)).toBe(shown);
  });

  it.each([
    ['Bank Acct #', '123456789012', '********9012'],
    ['DDA Number', '987654321', '*****4321'],
  ])('%s (a bank account column): last 4 only', (header, value, shown) => {
    const hints = columnHints(header);
    expect(hints.sensitive).toBe(true);
    expect(maskExample(value, classifyValue(value), hints.sensitive, hints.hidden)).toBe(shown);
  });
});
