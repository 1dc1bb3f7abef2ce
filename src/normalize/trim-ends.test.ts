import { describe, expect, it } from 'vitest';
import { hasMessySpace } from '../pipeline/cell-normalizer.js';
import { trimEnds } from './trim-ends.js';

/** Every string of up to three characters over an alphabet of edge cases. */
function strings(): string[] {
  const alphabet = [
    'a',
    ' ',
    '\t',
    '\n',
    '\r',
    '\v',
    '\f',
    '\u00a0',
    '\u2003',
    '\ufeff',
    '\u0000',
    '\u007f',
    '~',
    '!',
    'é',
  ];
  const out = [''];
  for (const a of alphabet) {
    out.push(a);
    for (const b of alphabet) {
      out.push(a + b);
      for (const c of alphabet) out.push(a + b + c);
    }
  }
  return out;
}

describe('the hot-path text helpers agree with the builtins', () => {
  it('trimEnds(s) === s.trim()', () => {
    for (const s of strings()) expect(trimEnds(s), JSON.stringify(s)).toBe(s.trim());
    for (const s of [' ch_1 ', 'ch_1', '  x  y  ', '\u3000id\u3000']) expect(trimEnds(s)).toBe(s.trim());
  });

  it('hasMessySpace(s) is the regex /\\s{2}|[\\t\\n\\r\\f\\v\\u00a0]/', () => {
    const messy = /\s{2}|[\t\n\r\f\v\u00a0]/;
    for (const s of strings()) expect(hasMessySpace(s), JSON.stringify(s)).toBe(messy.test(s));
    for (const s of ['Avery  Testwood', 'Avery Testwood', 'a b c', 'x\u2003 y', 'ok'])
      expect(hasMessySpace(s)).toBe(messy.test(s));
  });
});
