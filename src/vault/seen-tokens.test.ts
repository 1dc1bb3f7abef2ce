import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SeenTokens } from './seen-tokens.js';

describe('SeenTokens', () => {
  it('reports repeats exactly, also when tokens share their hash bits', () => {
    const seen = new SeenTokens(1000);
    const raw = randomBytes(16 * 600);
    // Same first 4 bytes (same slot), different rest: must not be taken for one another.
    raw.copy(raw, 16, 0, 4);
    for (let i = 0; i < 600; i++) expect(seen.addIfNew(raw, i * 16)).toBe(false);
    for (let i = 0; i < 600; i++) expect(seen.addIfNew(raw, i * 16)).toBe(true);
    expect(seen.addIfNew(randomBytes(16), 0)).toBe(false);
  });

  it('forgets everything when full (bounded), and on clear()', () => {
    const seen = new SeenTokens(10);
    const raw = randomBytes(16 * 11);
    for (let i = 0; i < 10; i++) seen.addIfNew(raw, i * 16);
    expect(seen.addIfNew(raw, 0)).toBe(true);
    expect(seen.addIfNew(raw, 160)).toBe(false); // the 11th: the set was cleared first
    expect(seen.addIfNew(raw, 0)).toBe(false);
    seen.clear();
    expect(seen.addIfNew(raw, 160)).toBe(false);
  });
});
