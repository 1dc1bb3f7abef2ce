import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXACT_CAP } from './distinct-counter.js';
import { EXACT_BUDGET, exactCapFor, profileFile } from './profile-file.js';

const dir = mkdtempSync(join(tmpdir(), 'kmigrate-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('profileFile: memory bounded by the file, not by its width', () => {
  it('counts exactly up to 5,000 values per column in a file of ordinary width', () => {
    expect(exactCapFor(1)).toBe(DEFAULT_EXACT_CAP);
    expect(exactCapFor(50)).toBe(DEFAULT_EXACT_CAP);
    // the columns together keep at most the budget (and each some values)
    expect(exactCapFor(500) * 500).toBeLessThanOrEqual(EXACT_BUDGET);
    expect(exactCapFor(6_500) * 6_500).toBeLessThanOrEqual(EXACT_BUDGET);
    expect(exactCapFor(100_000)).toBe(16);
  });

  it('estimates the distinct values of a very wide file instead of keeping them all', async () => {
    const width = 2_000;
    const rows = Array.from({ length: 200 }, (_, r) =>
      Array.from({ length: width }, (_, i) => String(r * width + i)).join(','),
    );
    const path = join(dir, 'wide.csv');
    writeFileSync(
      path,
      `${Array.from({ length: width }, (_, i) => `c${i}`).join(',')}\n${rows.join('\n')}\n`,
    );
    const profile = await profileFile(path);
    const first = profile.columns[0];
    expect(profile.columns).toHaveLength(width);
    // 125 values counted exactly per column here: the 200 distinct values are estimated
    expect(exactCapFor(width)).toBe(125);
    expect(first?.distinctExact).toBe(false);
    expect(first?.distinct).toBeGreaterThan(180);
    expect(first?.distinct).toBeLessThan(220);
  });
});

describe('profileFile: postal codes one digit short', () => {
  const damageOf = async (zips: readonly string[], state = '') => {
    const path = join(dir, `zips-${zips.join('-')}-${state}.csv`);
    writeFileSync(path, `id,state,postal_code\n${zips.map((z, i) => `${i},${state},${z}`).join('\n')}\n`);
    const column = (await profileFile(path)).columns[2];
    return column?.damage.find((d) => d.code === 'SPREADSHEET_LEADING_ZERO_LOST')?.count ?? 0;
  };

  it.each([
    [['2139', '6103', '73301', '90210'], 2], // US ZIPs: the 4-digit ones lost their zero
    [['021394307', '21394307', '73301'], 1], // and a ZIP+4 written as 8 digits
    [['2000', '3000', '4000', '6000'], 0], // Australian postcodes: all 4 digits, none damaged
    [['2000', '3000', '800', '870'], 2], // Darwin 0800 and Alice Springs 0870 lost theirs
  ])('%j → %i', async (zips, count) => {
    expect(await damageOf(zips)).toBe(count);
  });

  it('in a file of US addresses, ZIPs that all lost their zero (a New England merchant) are damage', async () => {
    expect(await damageOf(['2139', '2108', '1860'], 'MA')).toBe(3);
    expect(await damageOf(['2139', '2108', '1860'], 'Massachusetts')).toBe(3);
    // Australian states: Australian postcodes
    expect(await damageOf(['2000', '3000', '4000'], 'NSW')).toBe(0);
  });
});

describe('profileFile: a card-number column', () => {
  it('gives the length of its numbers in digits, not counting their spaces and dashes', async () => {
    const path = join(dir, 'cards.csv');
    writeFileSync(path, 'id,card\n1,4111 1111 1111 1111\n2,5555-5555-5555-4444\n3,3782 822463 10005\n');
    const card = (await profileFile(path)).columns[1];
    expect(card?.type).toBe('card-number');
    expect(card?.format).toBe('15–16 digits');
    writeFileSync(path, 'id,card\n1,4111 1111 1111 1111\n2,5555555555554444\n');
    expect((await profileFile(path)).columns[1]?.format).toBe('16 digits');
  });
});

describe('profileFile: an amount column whose decimal separator is not decided', () => {
  it.each([
    ['"1,234"\n"2,500"\n"3,000"', 'reads both ways'],
    ['1.50\n"2,50"\n7', 'conflict'],
  ])('%j is not called whole numbers', async (values) => {
    const path = join(dir, 'amounts.csv');
    writeFileSync(path, `amount\n${values}\n`);
    const column = (await profileFile(path)).columns[0];
    expect(column?.format).toBe('decimal separator undecided');
    expect(column?.ambiguous).toBe(true);
  });
});

describe('profileFile: records the reader delivered with a problem', () => {
  it('says so once per code, with the first line and no cell value', async () => {
    const path = join(dir, 'ragged.csv');
    writeFileSync(
      path,
      'name,email,amount\nDoe, Jane,j@example.com,5\nAnn,a@example.com,6\nLee, Bo,b@example.com,7\n',
    );
    const issues = (await profileFile(path)).issues;
    expect(issues).toEqual([
      {
        code: 'CSV_RAGGED_ROW',
        severity: 'error',
        message: '2 record(s); the first, on line 2: The record has 4 fields; the header has 3.',
      },
    ]);
  });

  it('a quote never closed: the rest of the file read as one record is reported', async () => {
    const path = join(dir, 'unclosed.csv');
    writeFileSync(path, 'a;b\n"x;1\n2;3\n');
    const codes = (await profileFile(path)).issues.map((i) => i.code);
    expect(codes).toContain('CSV_UNCLOSED_QUOTE');
  });
});

describe('profileFile: a file without a header row', () => {
  it('does not show its first record (bank account, card number, token) as column names', async () => {
    const path = join(dir, 'headerless.csv');
    const record = (i: number) =>
      `C${i},Avery,011000015,${String(987654321012 + i)},4111111111111111,tok_1Nq2AbCdEfGhIjKl${i}`;
    writeFileSync(path, `${Array.from({ length: 20 }, (_, i) => record(i)).join('\n')}\n`);
    const profile = await profileFile(path);
    const names = profile.columns.map((c) => c.name);
    const shown = JSON.stringify(profile);
    for (const secret of ['987654321012', '4111111111111111', 'tok_1Nq2AbCdEfGhIjKl0'])
      expect(shown).not.toContain(secret);
    expect(names.slice(0, 2)).toEqual(['C0', 'Avery']);
    expect(names[3]).toMatch(/^\*+1012$/);
    expect(names[4]).toMatch(/^411111\*+1111$/);
  });
});

describe('profileFile: snake_case column names of a real header', () => {
  it('shows card_brand, card_last4, card_fingerprint as written (they are names, not tokens)', async () => {
    const path = join(dir, 'snake-case.csv');
    const header = 'customer_id,card_brand,card_last4,card_fingerprint,card_id,pm_type';
    writeFileSync(
      path,
      `${header}\nC1,Visa,4242,fpA1,card_1MvN8zAbCdEf,card\nC2,Visa,1111,fpB2,card_2XyZaBcDeFgH,card\n`,
    );
    const profile = await profileFile(path);
    expect(profile.columns.map((c) => c.name)).toEqual(header.split(','));
    expect(JSON.stringify(profile)).not.toContain('card_1MvN8zAbCdEf');
  });
});
