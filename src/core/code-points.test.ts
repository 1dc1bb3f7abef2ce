import { describe, expect, it } from 'vitest';
import { codePointLength } from './code-points.js';

describe('codePointLength counts characters, a surrogate pair as one', () => {
  it.each([
    ['', 0],
    ['Avery', 5],
    ['José', 4],
    ['𠮷野', 2],
    ['👍👍', 2],
    ['\ud800x', 2], // a lone high surrogate is one character of its own
    ['x\udc00', 2],
  ])('%j → %i', (text, n) => {
    expect(codePointLength(text)).toBe(n);
  });
});
