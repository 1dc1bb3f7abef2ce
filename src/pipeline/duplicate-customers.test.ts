import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCellCipher } from '../workspace/index.js';
import { DuplicateTracker } from './duplicate-customers.js';

const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
const KEY = { KMIGRATE_STAGING_KEY: 'ab'.repeat(32) };

/** Canonical ids of customer records [id, email, phone], in order. */
function canons(records: readonly (readonly [string, string, string])[]): string[] {
  const db = new Sqlite(':memory:');
  db.exec('CREATE TABLE merges (customer TEXT PRIMARY KEY, merged_into TEXT, by TEXT)');
  const tracker = new DuplicateTracker(
    db,
    'dup',
    'merges',
    { key: 0, email: 1, phone: 2 },
    createCellCipher(KEY),
  );
  const out = records.map((r) => tracker.canonOf(r));
  db.close();
  return out;
}

describe('DuplicateTracker', () => {
  it("reads a key a spreadsheet kept as text ('c2) as the id the output writes (c2)", () => {
    const db = new Sqlite(':memory:');
    db.exec('CREATE TABLE merges (customer TEXT PRIMARY KEY, merged_into TEXT, by TEXT)');
    const tracker = new DuplicateTracker(db, 'dup', 'merges', { key: 0, email: 1 }, createCellCipher(KEY));
    const out = [
      ["'c1", 'ann@example.com'],
      ["'c2", 'ann@example.com'],
      ['c1', 'bo@example.com'],
    ].map((r) => tracker.canonOf(r));
    expect(out).toEqual(['c1', 'c1', 'c1']);
    expect(db.prepare('SELECT customer, merged_into AS target FROM merges').all()).toEqual([
      { customer: 'c2', target: 'c1' },
    ]);
    db.close();
  });

  it('merges customers that share an email or a phone number', () => {
    expect(
      canons([
        ['c1', 'ann@example.com', '(813) 555-0101'],
        ['c2', 'ANN@example.com ', ''],
        ['c3', 'bo@example.com', '+1 813-555-0101'],
        ['c4', 'cy@example.com', '813 555 0199'],
      ]),
    ).toEqual(['c1', 'c1', 'c1', 'c4']);
  });

  it('does not merge different people over a dummy phone number (exports fill required phones with one)', () => {
    expect(
      canons([
        ['c1', 'ann@example.com', '123-456-7890'],
        ['c2', 'bo@example.com', '(123) 456-7890'],
        ['c3', 'cy@example.com', '0000000000'],
        ['c4', 'di@example.com', '000-000-0000'],
        ['c5', 'ed@example.com', '+1 111 111 1111'],
        ['c6', 'flo@example.com', '1111111111'],
        ['c7', 'gus@example.com', '555-555-5555'],
        ['c8', 'hal@example.com', '5555555555'],
      ]),
    ).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
  });
});
