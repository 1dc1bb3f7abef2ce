/**
 * The native decrypt fast path (fast-decrypt.ts): which messages it takes (byte-identical to
 * the plaintext) and which it declines, before any plaintext, to the OpenPGP.js path.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastDecrypt } from '../../../src/pgp/fast-decrypt.js';
import { FastPathDeclined, ReplayableInput } from '../../../src/pgp/fast-path-declined.js';
import { decryptToStream, Keyring, readPassphrase } from '../../../src/pgp/index.js';
import { createPgpWorld, GPG, PASSPHRASE, type PgpWorld, samplePlaintext } from './pgp-fixture.js';

const plain = samplePlaintext();
let w: PgpWorld;

beforeAll(() => {
  w = createPgpWorld();
  writeFileSync(w.path('plain.csv'), plain);
}, 120_000);
afterAll(() => w.cleanup());

/** gpg reading from a pipe (size unknown), so the literal data uses partial body lengths. */
function gpgFromStdin(flags: readonly string[], out: string): void {
  const base = ['--batch', '--homedir', w.home, '--trust-model', 'always', '--yes'];
  const r = spawnSync(GPG, [...base, ...flags, '-r', w.kmFpr, '-o', out, '-e'], { input: plain });
  expect(r.status).toBe(0);
}

async function options() {
  const passphrase = await readPassphrase({ env: { KMIGRATE_PGP_PASSPHRASE: PASSPHRASE } });
  return { keyring: new Keyring(w.keyring), passphrase, maxSize: 1 << 30 };
}

/** Run the fast path alone: the plaintext, or FastPathDeclined. */
async function fast(file: string): Promise<Buffer> {
  const input = new ReplayableInput(createReadStream(file, { highWaterMark: 65_536 }));
  const out: Uint8Array[] = [];
  try {
    for await (const chunk of fastDecrypt(input, await options())) out.push(chunk);
  } finally {
    await input.close();
  }
  return Buffer.concat(out);
}

describe.skipIf(!existsSync(GPG))('decrypt fast path', () => {
  it.each([
    ['binary, -z 0', ['-z', '0']],
    ['binary, ZIP', ['-z', '6', '--compress-algo', 'zip']],
    ['binary, ZLIB', ['-z', '6', '--compress-algo', 'zlib']],
    ['armored, -z 0', ['-z', '0', '--armor']],
    ['armored, ZIP', ['-z', '6', '--compress-algo', 'zip', '--armor']],
  ])('takes gpg %s input and decrypts it byte-identically', async (name, flags) => {
    const enc = w.path(`fast-${name.replace(/\W+/g, '-')}.pgp`);
    expect(w.gpg([...flags, '-r', w.kmFpr, '-o', enc, '-e', w.path('plain.csv')]).code).toBe(0);
    expect((await fast(enc)).equals(plain)).toBe(true);
  });

  it.each([
    ['-z 0', ['-z', '0']],
    ['ZIP', ['-z', '6', '--compress-algo', 'zip']],
  ])('takes partial body lengths (gpg %s from a pipe)', async (name, flags) => {
    const enc = w.path(`fast-pipe-${name.replace(/\W+/g, '-')}.pgp`);
    gpgFromStdin(flags, enc);
    expect(w.gpg(['--list-packets', enc]).stdout).toMatch(/partial/);
    expect((await fast(enc)).equals(plain)).toBe(true);
  });

  it('takes kmigrate-encrypted files', async () => {
    const enc = w.path('fast-km.pgp');
    expect(w.km(['encrypt', w.path('plain.csv'), '--to', w.kmFpr, '-o', enc]).code).toBe(0);
    expect((await fast(enc)).equals(plain)).toBe(true);
  });

  it.each([['signed'], ['bzip2']])('declines %s messages', async (name) => {
    const enc = w.path(`declined-${name}.pgp`);
    const flags = name === 'signed' ? ['-u', w.gpgFpr, '-s'] : ['--compress-algo', 'bzip2'];
    expect(w.gpg([...flags, '-r', w.kmFpr, '-o', enc, '-e', w.path('plain.csv')]).code).toBe(0);
    await expect(fast(enc)).rejects.toBeInstanceOf(FastPathDeclined);
  });

  it('declines password-encrypted (SKESK) messages', async () => {
    const enc = w.path('declined-skesk.pgp');
    expect(w.gpg(['-c', '-o', enc, w.path('plain.csv')]).code).toBe(0);
    await expect(fast(enc)).rejects.toBeInstanceOf(FastPathDeclined);
  });

  it('a declined message is replayed from its first byte into OpenPGP.js (signed, from a stream)', async () => {
    const enc = w.path('declined-signed.pgp');
    const bytes = readFileSync(enc);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 4096) yield new Uint8Array(bytes.subarray(i, i + 4096));
    }
    const { keyring, passphrase } = await options();
    const { plaintext, verified } = decryptToStream(chunks(), {
      keyring,
      passphrase,
      requireSignature: true,
    });
    const out: Uint8Array[] = [];
    for await (const c of plaintext) out.push(c);
    expect(Buffer.concat(out).equals(plain)).toBe(true);
    await expect(verified).resolves.toMatchObject({ status: 'valid', signerFingerprint: w.gpgFpr });
  });

  it('the decompression cap applies on the fast path (PGP_TOO_LARGE)', async () => {
    const enc = w.path('fast-cap.pgp');
    expect(
      w.gpg(['-z', '6', '--compress-algo', 'zip', '-r', w.kmFpr, '-o', enc, '-e', w.path('plain.csv')]).code,
    ).toBe(0);
    const input = new ReplayableInput(createReadStream(enc));
    const consume = async () => {
      for await (const _ of fastDecrypt(input, { ...(await options()), maxSize: 100_000 })) {
      }
    };
    await expect(consume()).rejects.toMatchObject({ code: 'PGP_TOO_LARGE' });
    await input.close();
  });
});
