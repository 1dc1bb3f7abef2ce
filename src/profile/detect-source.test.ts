import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSource } from './detect-source.js';

const fixtures = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'sources');

describe('detectSource', () => {
  it('recognises every NMI export the nmi preset reads (transactions, vault, subscriptions)', () => {
    const ids = readdirSync(join(fixtures, 'nmi')).map((f) => {
      const header =
        readFileSync(join(fixtures, 'nmi', f), 'utf8')
          .split(/\r?\n/)[0]
          ?.split(',') ?? [];
      return [f, detectSource(header)?.id ?? null];
    });
    expect(ids).toEqual([
      ['subscriptions.csv', 'nmi-subscriptions'],
      ['transactions.csv', 'nmi-transactions'],
      ['vault.csv', 'nmi-vault'],
    ]);
  });
});
