/**
 * `keys` and `handoff` through the built CLI: keyring layout, KEY lookups, refusals, the kit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, kmigrate, tempDir } from '../support/cli.js';

const PASSPHRASE = 'e2e passphrase 91c2 never printed';
const SFTP_PASSWORD = 'sftp-pw-4e1d-never-printed';
const { dir, cleanup } = tempDir({ 'AOC.pdf': '%PDF-1.4\n% fake AOC for tests\n%%EOF\n' });
const transcript: string[] = [];
let fpr = '';

function km(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const r = kmigrate(args, {
    cwd: dir,
    env: { KMIGRATE_PGP_PASSPHRASE: PASSPHRASE, KMIGRATE_SFTP_PASSWORD: SFTP_PASSWORD, ...env },
  });
  transcript.push(r.stdout, r.stderr);
  return r;
}

beforeAll(() => {
  const r = km([
    'keys',
    'generate',
    '--name',
    'CRM Intake',
    '--email',
    'intake@crm.example.invalid',
    '--format',
    'json',
  ]);
  expect(r.code).toBe(0);
  fpr = (JSON.parse(r.stdout) as { fingerprint: string }).fingerprint;
  expect(km(['keys', 'export', fpr, '--armor', '-o', 'crm-key.asc']).code).toBe(0);
});
afterAll(cleanup);

describe('kmigrate keys', () => {
  it('keeps the key in .kmigrate/keys/<FPR>.asc, mode 0600, folder 0700', () => {
    const file = join(dir, '.kmigrate', 'keys', `${fpr}.asc`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, '.kmigrate', 'keys')).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8')).toContain('PRIVATE KEY BLOCK'); // encrypted with the passphrase
  });

  it('refuses a name with an address in it, and a lifetime that is not a whole number of days ≥ 1', () => {
    const named = km(['keys', 'generate', '--name', 'A <x@example.invalid>', '--email', 'x@example.invalid']);
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/^kmigrate: USAGE: The name must be plain text/);
    for (const days of ['-5', '0', 'abc']) {
      const r = km([
        'keys',
        'generate',
        '--name',
        'X',
        '--email',
        'x@example.invalid',
        `--expires-days=${days}`,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^kmigrate: USAGE: option '--expires-days <days>' argument .* is invalid/);
    }
  });

  it('refuses to generate without a passphrase', () => {
    const r = km(['keys', 'generate', '--name', 'X', '--email', 'x@example.invalid', '--keyring', 'other'], {
      KMIGRATE_PGP_PASSPHRASE: '',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PGP_PASSPHRASE_MISSING');
  });

  it('show: by fingerprint prefix, by e-mail and by file; v4, ed25519, no SEIPDv2', () => {
    for (const spec of [fpr.slice(0, 12), 'intake@crm.example.invalid', 'crm-key.asc']) {
      const r = km(['keys', 'show', spec, '--format', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ fingerprint: fpr, version: 4, advertisesSeipdv2: false });
    }
    const text = km(['keys', 'show', fpr]).stdout;
    expect(text).toMatch(/version\s+v4/);
    expect(text).toMatch(/capabilities\s+certify, sign/);
    expect(text).toMatch(/subkey .* encrypt/);
  });

  it('list and an unknown key', () => {
    expect(km(['keys', 'list']).stdout).toContain(fpr);
    const r = km(['keys', 'show', 'nobody@example.invalid']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PGP_KEY_NOT_FOUND');
  });

  it('import --expect-fingerprint refuses a mismatch and shows both fingerprints', () => {
    const wrong = 'A'.repeat(40);
    const r = km(['keys', 'import', 'crm-key.asc', '--keyring', 'k2', '--expect-fingerprint', wrong]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PGP_KEY_MISMATCH');
    expect(r.stderr).toContain(wrong);
    expect(r.stderr).toContain(fpr);
    expect(existsSync(join(dir, 'k2'))).toBe(false);
    const ok = km([
      'keys',
      'import',
      'crm-key.asc',
      '--keyring',
      'k2',
      '--expect-fingerprint',
      fpr.toLowerCase(),
    ]);
    expect(ok.code).toBe(0);
  });

  it('export: public by default; private only with --secret-key and -o', () => {
    const pub = km(['keys', 'export', fpr]);
    expect(pub.stdout).toContain('PUBLIC KEY BLOCK');
    expect(pub.stdout).not.toContain('PRIVATE');
    const refused = km(['keys', 'export', fpr, '--secret-key']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('PGP_SECRET_TO_TTY');
    expect(km(['keys', 'export', fpr, '--secret-key', '-o', 'secret.asc']).code).toBe(0);
    expect(statSync(join(dir, 'secret.asc')).mode & 0o777).toBe(0o600);
    expect(km(['keys', 'export', fpr, '--secret']).stderr).toContain('never taken from the command line');
  });

  it('export --secret-key over an existing world-readable file: the file ends 0600', () => {
    writeFileSync(join(dir, 'was-public.asc'), 'old\n', { mode: 0o644 });
    expect(km(['keys', 'export', fpr, '--secret-key', '--armor', '-o', 'was-public.asc']).code).toBe(0);
    expect(readFileSync(join(dir, 'was-public.asc'), 'utf8')).toContain('PRIVATE KEY BLOCK');
    expect(statSync(join(dir, 'was-public.asc')).mode & 0o777).toBe(0o600);
  });
});

describe('kmigrate handoff', () => {
  const base = [
    'handoff',
    '--aoc',
    'AOC.pdf',
    '--key',
    'crm-key.asc',
    '--sftp-host',
    'sftp.example.invalid',
    '--sftp-user',
    'acme-export',
  ];

  it('writes a deterministic kit with the five files and the fingerprint', () => {
    expect(km([...base, '--expect-fingerprint', fpr, '-o', 'kit.zip']).code).toBe(0);
    expect(km([...base, '--expect-fingerprint', fpr, '-o', 'kit2.zip']).code).toBe(0);
    const zip = readFileSync(join(dir, 'kit.zip'));
    expect(zip.equals(readFileSync(join(dir, 'kit2.zip')))).toBe(true);
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files).sort()).toEqual([
      'AOC.pdf',
      'FINGERPRINT.txt',
      'PGP-PUBLIC-KEY.asc',
      'REQUEST-LETTER.txt',
      'SFTP.txt',
    ]);
    const text = (name: string) => new TextDecoder().decode(files[name]);
    expect(text('FINGERPRINT.txt')).toContain(fpr);
    expect(text('SFTP.txt')).toContain('sftp.example.invalid');
    expect(text('SFTP.txt')).not.toContain(SFTP_PASSWORD);
    expect(text('PGP-PUBLIC-KEY.asc')).not.toContain('PRIVATE');
    const letter = text('REQUEST-LETTER.txt');
    for (const needle of [
      'Customer vault / stored cards',
      'NEXT BILL DATE',
      'Transaction history',
      fpr,
      'sftp.example.invalid',
    ])
      expect(letter).toContain(needle);
    const listed = spawnSync('unzip', ['-l', join(dir, 'kit.zip')], { encoding: 'utf8' });
    if (listed.status === 0) expect(listed.stdout).toContain('REQUEST-LETTER.txt');
  });

  it('puts the SFTP server host key into SFTP.txt and the letter, and refuses one that is no fingerprint', () => {
    const hostKey = `SHA256:${'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v'}`;
    const r = km([...base, '--expect-fingerprint', fpr, '--sftp-host-key', hostKey, '-o', 'kit-hk.zip']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`SFTP host key ${hostKey}`);
    const files = unzipSync(new Uint8Array(readFileSync(join(dir, 'kit-hk.zip'))));
    expect(new TextDecoder().decode(files['SFTP.txt'])).toContain(`Host key: ${hostKey}`);
    expect(new TextDecoder().decode(files['REQUEST-LETTER.txt'])).toContain(hostKey);
    const bad = km([
      ...base,
      '--expect-fingerprint',
      fpr,
      '--sftp-host-key',
      'MD5:aa:bb',
      '-o',
      'kit-bad.zip',
    ]);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringMatching(/^kmigrate: USAGE: The SFTP host key must be/),
    ]);
    expect(existsSync(join(dir, 'kit-bad.zip'))).toBe(false);
    // without one, the kit says it comes separately, and so does the command
    expect(km([...base, '--expect-fingerprint', fpr, '-o', 'kit-nohk.zip']).stdout).toContain(
      'SFTP host key not included',
    );
  });

  it('includes the SFTP password only with --include-password, never echoing it', () => {
    const r = km([...base, '--expect-fingerprint', fpr, '--include-password', '-o', 'kit-pw.zip']);
    expect(r.code).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(join(dir, 'kit-pw.zip'))));
    expect(new TextDecoder().decode(files['SFTP.txt'])).toContain(SFTP_PASSWORD);
  });

  it('refuses a key whose fingerprint does not match, writing nothing', () => {
    const r = km([...base, '--expect-fingerprint', 'B'.repeat(40), '-o', 'bad-kit.zip']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PGP_KEY_MISMATCH');
    expect(existsSync(join(dir, 'bad-kit.zip'))).toBe(false);
  });

  it('refuses an AOC that is not a PDF (a card file by mistake), writing nothing', () => {
    writeFileSync(join(dir, 'cards.csv'), 'card\n4111111111111111\n');
    const r = km([
      ...base.map((a) => (a === 'AOC.pdf' ? 'cards.csv' : a)),
      '--expect-fingerprint',
      fpr,
      '-o',
      'csv-kit.zip',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kmigrate: USAGE: The AOC cards\.csv is not a PDF/);
    expect(existsSync(join(dir, 'csv-kit.zip'))).toBe(false);
  });

  it('refuses an output that is one of its inputs (-o the key or the AOC), keeping the input', () => {
    writeFileSync(join(dir, 'key-copy.asc'), readFileSync(join(dir, 'crm-key.asc')));
    writeFileSync(join(dir, 'aoc-copy.pdf'), readFileSync(join(dir, 'AOC.pdf')));
    const args = base.map((a) =>
      a === 'crm-key.asc' ? 'key-copy.asc' : a === 'AOC.pdf' ? 'aoc-copy.pdf' : a,
    );
    for (const out of ['key-copy.asc', 'aoc-copy.pdf']) {
      const r = km([...args, '--expect-fingerprint', fpr, '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^kmigrate: USAGE: The output .* is the input file/);
    }
    expect(readFileSync(join(dir, 'key-copy.asc'), 'utf8')).toContain('PUBLIC KEY BLOCK');
    expect(readFileSync(join(dir, 'aoc-copy.pdf'), 'latin1')).toMatch(/^%PDF-/);
  });

  it('refuses an AOC named like a kit file (it would be replaced in the zip), writing nothing', () => {
    writeFileSync(join(dir, 'sftp.txt'), readFileSync(join(dir, 'AOC.pdf')));
    const r = km([
      ...base.map((a) => (a === 'AOC.pdf' ? 'sftp.txt' : a)),
      '--expect-fingerprint',
      fpr,
      '-o',
      'clash-kit.zip',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^kmigrate: USAGE: The AOC sftp\.txt has the name of a file the kit writes itself/,
    );
    expect(existsSync(join(dir, 'clash-kit.zip'))).toBe(false);
  });

  it('refuses a key that cannot encrypt now (expired), as kmigrate encrypt does', async () => {
    const { publicKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Old', email: 'old@crm.example.invalid' }],
      date: new Date(Date.UTC(2020, 0, 1)),
      keyExpirationTime: 86_400,
      format: 'armored',
    });
    writeFileSync(join(dir, 'expired.asc'), publicKey);
    const expiredFpr = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint().toUpperCase();
    const r = km([
      ...base.map((a) => (a === 'crm-key.asc' ? 'expired.asc' : a)),
      '--expect-fingerprint',
      expiredFpr,
      '-o',
      'old-kit.zip',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PGP_KEY_INVALID');
    expect(existsSync(join(dir, 'old-kit.zip'))).toBe(false);
  });

  it('never prints the passphrase, the SFTP password or private key material', () => {
    writeFileSync(join(dir, 'transcript.txt'), transcript.join('\n'));
    const all = transcript.join('\n');
    expect(all).not.toContain(PASSPHRASE);
    expect(all).not.toContain(SFTP_PASSWORD);
    expect(all).not.toContain('PRIVATE KEY BLOCK');
  });
});
