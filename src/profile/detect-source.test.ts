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

  it('does not take a generic export for Authorize.net by the names every export has', () => {
    // the demo's export shares ten column names with Authorize.net's download, none of its own
    const demo = readFileSync(
      join(import.meta.dirname, '..', '..', 'examples', 'demo', 'exports', 'orders.csv'),
      'utf8',
    )
      .split('\n')[0]
      ?.split(',');
    expect(detectSource(demo ?? [])).toBeNull();
    const generic = 'Transaction ID,Created,Amount,Card Number,Address,City,State,Zip,Country,Email,Phone';
    expect(detectSource(generic.split(','))).toBeNull();
    // with two names of Authorize.net's own it is recognised
    expect(detectSource(`${generic},Submit Date/Time,Invoice Number`.split(','))?.source).toBe(
      'authorize-net',
    );
  });
});
