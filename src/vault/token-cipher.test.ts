import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  readCardBlock,
  SLOT,
  TokenCipher,
  tokenBytes,
  tokenText,
  tokenTexts,
  writeCardBlock,
} from './token-cipher.js';

const cipher = (): TokenCipher => new TokenCipher(randomBytes(32), randomBytes(32));

function blocksOf(pans: readonly string[]): Buffer {
  const blocks = Buffer.alloc(pans.length * SLOT);
  for (const [i, pan] of pans.entries()) writeCardBlock(pan, blocks, i * SLOT);
  return blocks;
}

describe('card blocks', () => {
  it('round-trip every length from 12 to 19 digits, and print as letters only', () => {
    for (let n = 12; n <= 19; n++) {
      const pan = '4111111111111111999'.slice(0, n);
      const block = blocksOf([pan]);
      expect(readCardBlock(block, 0)).toBe(pan);
      expect(tokenText(block, 0)).toMatch(/^tok_[a-z]{26}$/);
    }
  });

  it('refuse non-digits and bad lengths, and read nothing from a random block', () => {
    expect(() => blocksOf(['41111111111x1111'])).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => blocksOf([''])).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => blocksOf(['1'.repeat(20)])).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(readCardBlock(Buffer.alloc(SLOT, 0xff), 0)).toBeUndefined();
  });
});

describe('token text', () => {
  it('parses back to the same 16 bytes; refuses other shapes', () => {
    const raw = randomBytes(SLOT);
    raw[15] = (raw[15] ?? 0) & 0xe0; // the last base32 group carries 3 bits of the block
    expect(tokenBytes(tokenText(raw, 0))?.equals(raw)).toBe(true);
    const many = randomBytes(SLOT * 50);
    expect(tokenTexts(many, 50)).toEqual(Array.from({ length: 50 }, (_, i) => tokenText(many, i * SLOT)));
    expect(tokenBytes('tok_abc')).toBeUndefined();
    expect(tokenBytes(`tok_${'a'.repeat(25)}1`)).toBeUndefined();
    expect(tokenBytes(`tok_${'a'.repeat(25)}b`)).toBeUndefined(); // low pad bits set
    expect(tokenBytes(`tik_${'a'.repeat(26)}`)).toBeUndefined();
  });
});

describe('TokenCipher', () => {
  it('is deterministic per key, differs across keys, and never prints a 10-digit run', () => {
    const pans = Array.from({ length: 20_000 }, (_, i) => `4${String(i).padStart(15, '0')}`);
    const a = cipher();
    const tokensA = a.tokensOf(blocksOf(pans));
    expect(a.tokensOf(blocksOf(pans)).equals(tokensA)).toBe(true);
    expect(cipher().tokensOf(blocksOf(pans)).equals(tokensA)).toBe(false);
    const texts = new Set<string>();
    for (let i = 0; i < pans.length; i++) {
      const text = tokenText(tokensA, i * SLOT);
      expect(text).not.toMatch(/[2-7]{10}/);
      texts.add(text);
    }
    expect(texts.size).toBe(pans.length);
  });

  it('seals and opens a block; a changed byte or another block id → VAULT_TAMPERED', () => {
    const c = cipher();
    const plain = blocksOf(['4111111111111111', '5555555555554444']);
    const sealed = c.seal(plain, Buffer.from('block:1'), randomBytes(12));
    expect(sealed.includes(plain)).toBe(false);
    expect(c.open(sealed, Buffer.from('block:1')).equals(plain)).toBe(true);
    expect(() => c.open(sealed, Buffer.from('block:2'))).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED' }),
    );
    const bent = Buffer.from(sealed);
    bent[bent.length - 1] = (bent[bent.length - 1] ?? 0) ^ 1;
    expect(() => c.open(bent, Buffer.from('block:1'))).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED' }),
    );
  });
});
