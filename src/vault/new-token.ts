/**
 * Format-1 tokens: `tok_` + 26 base32 characters (128 random bits); format 2 computes them
 * (token-cipher.ts) in the same shape. Not format-preserving: a token
 * can never be mistaken for a card number, and a token with a long digit run is redrawn so the
 * leak scanner never sees one.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { VAULT_TOKEN_PATTERN } from '../core/index.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const CHARS = 26;
const LONG_DIGIT_RUN = /[2-7]{10}/;

/** The shape of every token this vault issues (one definition, in core, shared with check). */
export const TOKEN_PATTERN = VAULT_TOKEN_PATTERN;

function encode(bytes: Buffer, offset: number): string {
  let out = 'tok_';
  for (let i = 0; i < CHARS; i++) out += ALPHABET[(bytes[offset + i] ?? 0) & 31];
  return out;
}

/** `count` new random tokens (one random draw for the whole batch). */
export function newTokens(count: number): string[] {
  const bytes = randomBytes(count * CHARS);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    let token = encode(bytes, i * CHARS);
    while (LONG_DIGIT_RUN.test(token)) token = encode(randomBytes(CHARS), 0);
    tokens.push(token);
  }
  return tokens;
}
