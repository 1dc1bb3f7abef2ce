/**
 * The parallel CFB decipher gives node's (OpenSSL's) CFB-128 output for any chunking.
 */
import { createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CfbDecipher } from '../../../src/pgp/cfb-decipher.js';

describe('CfbDecipher', () => {
  it.each([
    ['aes-128', 16],
    ['aes-192', 24],
    ['aes-256', 32],
  ])('%s: same plaintext as node:crypto CFB for any chunk sizes', (name, keyLength) => {
    const key = randomBytes(keyLength);
    const iv = randomBytes(16);
    const cipher = randomBytes(300_007);
    const expected = createDecipheriv(`${name}-cfb`, key, iv).update(cipher);
    for (const sizes of [[1 << 20], [1, 15, 16, 17, 4096, 33], [7], [65_536, 3]]) {
      const d = new CfbDecipher(`${name}-ecb`, key, iv);
      const out: Buffer[] = [];
      for (let at = 0, i = 0; at < cipher.length; i++) {
        const size = sizes[i % sizes.length]!;
        // odd offsets too: chunks are views into a larger buffer
        out.push(...d.update(cipher.subarray(at, at + size)));
        at += size;
      }
      out.push(d.final());
      expect(Buffer.concat(out).equals(expected)).toBe(true);
    }
  });
});
