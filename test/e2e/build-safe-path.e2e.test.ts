// The post-write leak check of `build` (issue 6) and the safe path it pushes users onto:
// tokenize → build from tokens → check → detokenize straight into an encrypted delivery.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cardWorkspace } from '../support/card-workspace.js';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';

const demoConfig = readFileSync(join(ROOT, 'examples/demo/migration.yaml'), 'utf8');
const demoSource = readFileSync(join(ROOT, 'examples/demo/exports/orders.csv'));
const PAN_RUN = /(?<!\d)\d{13,19}(?!\d)/;

const t = cardWorkspace({
  'orders.csv': demoSource,
  'plain.yaml': demoConfig.replace('file: exports/orders.csv', 'file: orders.csv'),
  'tokens.yaml': demoConfig.replace('file: exports/orders.csv', 'file: orders.tokenized.csv'),
});
afterAll(t.cleanup);
const { km, vault } = t;

describe('build: card numbers in clear are refused', () => {
  const run = km(['build', '--config', 'plain.yaml', '--out', 'out-leak']);

  it('stops with SCAN_LEAK_DETECTED (exit 2) at the first card number it would write, masked', () => {
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^kmigrate: SCAN_LEAK_DETECTED: orders\.csv row \d+: cardNumber would be written/,
    );
    expect(run.stderr).toMatch(/\d{6}\*{6}\d{4}/);
    expect(run.stderr).toMatch(/kmigrate tokenize/);
    expect(run.stderr + run.stdout).not.toMatch(PAN_RUN);
  });

  it('leaves no output file and no partial file behind', () => {
    const out = join(t.dir, 'out-leak');
    const left = existsSync(out) ? readdirSync(out) : [];
    expect(left.filter((f) => f.startsWith('transactions') || f.endsWith('.partial'))).toEqual([]);
    for (const name of left) expect(readFileSync(join(out, name), 'latin1')).not.toMatch(PAN_RUN);
  });

  it('--cleartext-cards lets the import file carry them (the reports are still checked)', () => {
    const r = km(['build', '--config', 'plain.yaml', '--out', 'out-clear', '--cleartext-cards']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(t.dir, 'out-clear', 'transactions.csv'), 'utf8')).toMatch(PAN_RUN);
  });
});

describe('the safe path: tokenize → build → check → detokenize', () => {
  const steps = [
    km(['keys', 'generate', '--name', 'Test CRM', '--email', 'crm@example.test', '--format', 'json']),
    km(['vault', 'init', ...vault]),
    km(['tokenize', 'orders.csv', '-o', 'orders.tokenized.csv', '--columns', 'Card Number', ...vault]),
    km(['build', '--config', 'tokens.yaml', '--out', 'out-tok']),
  ];
  const fingerprint = (JSON.parse(steps[0]?.stdout ?? '{}') as { fingerprint: string }).fingerprint;

  it('tokenizes (one planted bad card rejected, masked) and builds from tokens without a leak', () => {
    expect(steps.map((s) => s.code)).toEqual([0, 0, 1, 1]);
    const tx = readFileSync(join(t.dir, 'out-tok', 'transactions.csv'), 'utf8');
    expect(tx).toMatch(/tok_[a-z2-7]{26}/);
    expect(tx).not.toMatch(PAN_RUN);
    expect(km(['scan', 'out-tok', 'orders.tokenized.csv', 'vault.db']).code).toBe(0);
  });

  it('check accepts the tokens: no error, one VAULT_TOKEN warning for the column', () => {
    const r = km(['check', 'out-tok/transactions.csv', '--import-date', '2026-12-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as {
      rows: number;
      errors: number;
      issues: { code: string; column: string | null; message: string }[];
    };
    expect(body.errors).toBe(0);
    const tokens = body.issues.filter((i) => i.code === 'VAULT_TOKEN');
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.column).toBe('cardNumber');
    expect(tokens[0]?.message).toContain(`${body.rows} value(s)`);
  });

  it('detokenize → decrypt gives exactly the file a clear-text build writes', () => {
    const clear = km(['build', '--config', 'plain.yaml', '--out', 'out-ref', '--cleartext-cards']);
    expect(clear.code).toBe(1);
    const d = km([
      'detokenize',
      'out-tok/transactions.csv',
      '--encrypt-to',
      fingerprint,
      '-o',
      'tx.pgp',
      ...vault,
    ]);
    expect(d.code).toBe(0);
    const pgp = readFileSync(join(t.dir, 'tx.pgp'));
    expect(pgp.toString('latin1')).not.toMatch(PAN_RUN);
    expect(km(['decrypt', 'tx.pgp', '-o', 'tx.csv']).code).toBe(0);
    expect(readFileSync(join(t.dir, 'tx.csv'), 'utf8')).toBe(
      readFileSync(join(t.dir, 'out-ref', 'transactions.csv'), 'utf8'),
    );
  });
});

describe('ids shaped like card numbers (NMI vault ids): target.cardLikeIds', () => {
  // a published test number stands in for a 16-digit id that passes Luhn
  const ID = '4012888888881881';
  const source = readFileSync(join(t.dir, 'orders.tokenized.csv'), 'utf8').replaceAll('CUST-0001,', `${ID},`);
  const withIds = (config: string) =>
    config
      .replace('file: exports/orders.csv', 'file: ids.csv')
      .replace('target:\n', 'target:\n  cardLikeIds: [customerId]\n');

  it('refused by the leak check unless the column is declared; then the build passes and the id is written', () => {
    const d = tempDir({
      'ids.csv': source,
      'plain.yaml': demoConfig.replace('file: exports/orders.csv', 'file: ids.csv'),
      'ids.yaml': withIds(demoConfig),
    });
    const refused = kmigrate(['build', '--config', join(d.dir, 'plain.yaml'), '--out', join(d.dir, 'a')]);
    const allowed = kmigrate(['build', '--config', join(d.dir, 'ids.yaml'), '--out', join(d.dir, 'b')]);
    const tx = existsSync(join(d.dir, 'b', 'transactions.csv'))
      ? readFileSync(join(d.dir, 'b', 'transactions.csv'), 'utf8')
      : '';
    d.cleanup();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/SCAN_LEAK_DETECTED: .* column customerId/);
    expect(allowed.code, allowed.stderr).toBe(1);
    expect(tx).toContain(`${ID},`);
  });
});
