import { describe, expect, it } from 'vitest';
import { createCellCipher } from './cell-cipher.js';

describe('createCellCipher', () => {
  const key = { KMIGRATE_STAGING_KEY: '0f'.repeat(32) };

  it('seals a card number so that the stored text does not contain it, and opens it again', () => {
    const c = createCellCipher(key);
    const sealed = c.seal('4111111111111111');
    expect(sealed).not.toContain('4111111111111111');
    expect(c.seal('4111111111111111')).not.toBe(sealed);
    expect(c.open(sealed)).toBe('4111111111111111');
    expect(c.seal('')).toBe('');
    expect(c.open('plain')).toBe('plain');
  });

  it('keys the hash: same key, same hash; another key, another hash and key check', () => {
    const a = createCellCipher(key);
    const b = createCellCipher(key);
    const other = createCellCipher({});
    expect(a.keyedHash('x@example.com')).toBe(b.keyedHash('x@example.com'));
    expect(a.keyCheck).toBe(b.keyCheck);
    expect(other.keyedHash('x@example.com')).not.toBe(a.keyedHash('x@example.com'));
    expect(other.keyCheck).not.toBe(a.keyCheck);
  });

  it('refuses a malformed KMIGRATE_STAGING_KEY', () => {
    expect(() => createCellCipher({ KMIGRATE_STAGING_KEY: 'short' })).toThrow(/64 hex digits/);
  });
});
