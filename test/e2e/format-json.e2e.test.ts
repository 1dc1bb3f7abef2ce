/**
 * design.md: every command takes `--format json` for machines — also the small ones (schema,
 * vault, receive hash-password, sandbox import).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kmigrate, tempDir } from '../support/cli.js';
import { fullRow, toCsv } from '../support/konnektive-rows.js';

const fx = tempDir({ 'tx.csv': toCsv([fullRow(0), fullRow(1)]) });
afterAll(fx.cleanup);

function json(args: readonly string[], env: Record<string, string> = {}): Record<string, unknown> {
  const r = kmigrate([...args, '--format', 'json'], { env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('--format json on every command', () => {
  it('schema', () => {
    expect(json(['schema'])).toMatchObject({ type: 'object' });
  });

  it('receive hash-password (the password never printed)', () => {
    const out = json(['receive', 'hash-password'], { KMIGRATE_SFTP_PASSWORD: 'pw-never-shown-71' });
    expect(String(out.hash)).toMatch(/^scrypt\$/);
    expect(JSON.stringify(out)).not.toContain('pw-never-shown-71');
  });

  it('vault init and rotate', () => {
    const vault = join(fx.dir, 'v.db');
    const kek = randomBytes(32).toString('hex');
    expect(json(['vault', 'init', '--vault', vault], { KMIGRATE_VAULT_KEK: kek })).toEqual({
      vault,
      created: true,
    });
    const rotated = json(['vault', 'rotate', '--vault', vault], {
      KMIGRATE_VAULT_KEK: kek,
      KMIGRATE_VAULT_NEW_KEK: randomBytes(32).toString('hex'),
    });
    expect(rotated).toEqual({ vault, rotated: true });
  });

  it('sandbox import', () => {
    const out = json(['sandbox', 'import', join(fx.dir, 'tx.csv'), '--db', join(fx.dir, 's.db')]);
    expect(out).toMatchObject({ customers: 1, transactions: 2 });
  });
});
