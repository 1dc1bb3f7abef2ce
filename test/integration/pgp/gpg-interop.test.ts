/**
 * Interop with the real GnuPG (Debian `gnupg`), both directions, byte-identical.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createMessage, encrypt, readKey } from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgpWorld, GPG, PASSPHRASE, type PgpWorld, samplePlaintext } from './pgp-fixture.js';

const plain = samplePlaintext();
let w: PgpWorld;

beforeAll(() => {
  w = createPgpWorld();
  writeFileSync(w.path('plain.csv'), plain);
}, 120_000); // key generation on both sides is slow on a loaded machine
afterAll(() => w.cleanup());

describe.skipIf(!existsSync(GPG))('GnuPG interop', () => {
  it('keys cross over: kmigrate key imported into gpg, gpg key into kmigrate', () => {
    expect(w.gpg(['--list-keys', w.kmFpr]).code).toBe(0);
    const shown = w.km(['keys', 'show', w.gpgFpr, '--format', 'json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ fingerprint: w.gpgFpr, version: 4, hasSecret: true });
  });

  it.each([
    ['binary, compressed -z 6 (ZIP)', ['-z', '6', '--compress-algo', 'zip']],
    ['binary, uncompressed -z 0', ['-z', '0']],
    ['armored, compressed -z 6 (ZLIB)', ['-z', '6', '--compress-algo', 'zlib', '--armor']],
    ['armored, uncompressed -z 0', ['-z', '0', '--armor']],
  ])('gpg-encrypted (%s) decrypts byte-identically', (name, flags) => {
    const enc = w.path(`gpg-${name.replace(/\W+/g, '-')}.pgp`);
    expect(w.gpg([...flags, '-r', w.kmFpr, '-o', enc, '-e', w.path('plain.csv')]).code).toBe(0);
    // Our keys list "uncompressed" first, so gpg compresses only when forced; prove it did.
    const compressed = readFileSync(enc).length < plain.length * 0.6;
    expect(compressed).toBe(flags.includes('--compress-algo'));
    const out = `${enc}.out`;
    const r = w.km(['decrypt', enc, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(plain)).toBe(true);
  });

  it.each([
    ['binary, compressed', ['-z', '6', '--compress-algo', 'zip']],
    ['armored, uncompressed', ['-z', '0', '--armor']],
  ])('gpg-signed-and-encrypted (%s) verifies against the gpg key', (name, flags) => {
    const enc = w.path(`gpg-signed-${name.replace(/\W+/g, '-')}.pgp`);
    expect(
      w.gpg([...flags, '-u', w.gpgFpr, '-r', w.kmFpr, '-o', enc, '-s', '-e', w.path('plain.csv')]).code,
    ).toBe(0);
    const r = w.km([
      'decrypt',
      enc,
      '-o',
      `${enc}.out`,
      '--verify-with',
      w.gpgFpr,
      '--require-signature',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).signature).toMatchObject({ status: 'valid', signerFingerprint: w.gpgFpr });
    expect(readFileSync(`${enc}.out`).equals(plain)).toBe(true);
  });

  it.each([
    ['binary', []],
    ['armored', ['--armor']],
  ])('kmigrate-encrypted (%s) decrypts byte-identically with gpg --decrypt', (name, flags) => {
    const enc = w.path(`km-${name}.pgp`);
    expect(w.km(['encrypt', w.path('plain.csv'), '--to', w.gpgFpr, ...flags, '-o', enc]).code).toBe(0);
    const out = `${enc}.out`;
    expect(w.gpg(['-o', out, '--decrypt', enc]).code).toBe(0);
    expect(readFileSync(out).equals(plain)).toBe(true);
    const packets = w.gpg(['--list-packets', enc]).stdout;
    expect(packets).toMatch(/encrypted data packet|mdc_method: 2/);
    expect(packets).not.toMatch(/version 6|aead/i);
  });

  it('kmigrate signatures verify in gpg (GOODSIG from the kmigrate key)', () => {
    const enc = w.path('km-signed.pgp');
    expect(
      w.km(['encrypt', w.path('plain.csv'), '--to', w.gpgFpr, '--sign-with', w.kmFpr, '-o', enc]).code,
    ).toBe(0);
    const r = w.gpg(['--status-fd', '1', '-o', `${enc}.out`, '--decrypt', enc]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`VALIDSIG ${w.kmFpr}`));
    expect(readFileSync(`${enc}.out`).equals(plain)).toBe(true);
  });

  it('reads RFC 9580 AEAD (SEIPDv2) messages too', async () => {
    const publicKey = await readKey({ armoredKey: readFileSync(w.path('km-public.asc'), 'utf8') });
    const message = await createMessage({ binary: new Uint8Array(plain) });
    const enc = await encrypt({
      message,
      encryptionKeys: publicKey,
      format: 'binary',
      config: { aeadProtect: true },
    });
    writeFileSync(w.path('aead.pgp'), enc);
    expect(w.km(['decrypt', w.path('aead.pgp'), '-o', w.path('aead.out')]).code).toBe(0);
    expect(readFileSync(w.path('aead.out')).equals(plain)).toBe(true);
  });

  it('no passphrase or private key material appears in any output', () => {
    const all = w.transcript.join('\n');
    expect(all).not.toContain(PASSPHRASE);
    expect(all).not.toContain('PRIVATE KEY BLOCK');
  });
});
