import { describe, expect, it } from 'vitest';
import { isCvcHeader } from '../scan/index.js';
import { checkPan } from './check-pan.js';

describe('checkPan', () => {
  it.each([
    ['4111111111111111', 'visa'],
    ['4111 1111 1111 1111', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['3530111333300000', 'jcb'],
    ['36227206271667', 'diners'],
    ['4111.1111.1111.1111', 'visa'],
    ['3782 822463 10005', 'amex'],
    ["'4111111111111111", 'visa'],
    ['4111\u00a01111\u00a01111\u00a01111', 'visa'],
  ])('accepts %s as %s', (raw, brand) => {
    expect(checkPan(raw)).toMatchObject({ ok: true, brand });
  });

  it.each([
    ['4111111111111112', 'TOKENIZE_LUHN_FAILED'],
    ['411111111111', 'TOKENIZE_BAD_LENGTH'],
    ['37828224631000', 'TOKENIZE_BAD_LENGTH'],
    ['9111111111111111', 'TOKENIZE_UNKNOWN_BRAND'],
    ['4111x11111111111', 'TOKENIZE_NOT_A_NUMBER'],
    // a decimal point is no grouping: with the 0 appended this one would pass the Luhn check
    ['601111111111111.7', 'TOKENIZE_NOT_A_NUMBER'],
    ['6011111111111117.0', 'TOKENIZE_NOT_A_NUMBER'],
  ])('rejects %s with %s, masked', (raw, code) => {
    const r = checkPan(raw);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.masked).not.toContain(raw.replace(/\D/g, ''));
  });

  it.each([
    'CVV',
    'cvc',
    'CVV2',
    'cid',
    'Security Code',
    'card_security_code',
    'cardCvv',
    'x_card_code',
    'ssl_cvv2cvc2',
    'cvv2cvc2',
    'CV2',
    'ccv',
    'CVD',
    'Card Code',
  ])('%s is a CVC column', (h) => {
    expect(isCvcHeader(h)).toBe(true);
  });
  it.each(['card', 'cid_customer', 'customer_id', 'Card Number', 'Card Brand', 'cvr'])(
    '%s is not a CVC column',
    (h) => {
      expect(isCvcHeader(h)).toBe(false);
    },
  );
});

describe('checkPan: a rejected value is never shown as nothing', () => {
  it.each([
    ['Paris', 'text of 5 characters'],
    ['N/A', 'text of 3 characters'],
  ])('%s → %s', (raw, masked) => {
    expect(checkPan(raw)).toMatchObject({ ok: false, code: 'TOKENIZE_NOT_A_NUMBER', masked });
  });
});
