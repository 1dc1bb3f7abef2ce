import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VALUE_ISSUE_CODES } from './codes-values.js';

const SOURCES = [
  'normalize-date.ts',
  'infer-date-format.ts',
  'lex-date.ts',
  'time-zone.ts',
  'normalize-expiry.ts',
  'normalize-money.ts',
  'normalize-digits.ts',
  'spreadsheet-damage.ts',
];
const CODE_RE = /'((?:DATE|EXPIRY|MONEY|DIGITS|SPREADSHEET)_[A-Z_]+)'/g;

function codesUsed(): Set<string> {
  const used = new Set<string>();
  for (const file of SOURCES) {
    const text = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
    for (const m of text.matchAll(CODE_RE)) if (m[1] !== undefined) used.add(m[1]);
  }
  return used;
}

describe('VALUE_ISSUE_CODES', () => {
  it('lists every code the value normalizers can produce', () => {
    const missing = [...codesUsed()].filter((code) => !(code in VALUE_ISSUE_CODES));
    expect(missing).toEqual([]);
  });

  it('has UPPER_SNAKE codes with a domain prefix, a severity and a one-line description', () => {
    for (const [code, info] of Object.entries(VALUE_ISSUE_CODES)) {
      expect(code).toMatch(/^(?:DATE|EXPIRY|MONEY|DIGITS|SPREADSHEET)_[A-Z]+(?:_[A-Z]+)*$/);
      expect(['error', 'warning']).toContain(info.severity);
      expect(info.description).not.toContain('\n');
      expect(info.description.length).toBeGreaterThan(10);
    }
  });

  it('only lists codes that are used (DATE_AMBIGUOUS is built by dateAmbiguousProblem)', () => {
    const used = codesUsed();
    const unused = Object.keys(VALUE_ISSUE_CODES).filter((code) => !used.has(code));
    expect(unused).toEqual([]);
  });
});
