/**
 * A throwaway PGP world for the interop tests: a temp GNUPGHOME with a gpg-generated key, a
 * kmigrate keyring with a kmigrate-generated key, each imported into the other side.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliRun, kmigrate, tempDir } from '../../support/cli.js';

export const PASSPHRASE = 'correct horse battery staple 7f3a';
export const GPG = '/usr/bin/gpg';

export interface PgpWorld {
  readonly dir: string;
  readonly home: string;
  readonly keyring: string;
  readonly passFile: string;
  readonly gpgFpr: string;
  readonly kmFpr: string;
  /** Every stdout/stderr seen, to prove no secret ever leaks. */
  readonly transcript: string[];
  readonly gpg: (args: readonly string[]) => { code: number; stdout: string; stderr: string };
  readonly km: (args: readonly string[], env?: Record<string, string>) => CliRun;
  readonly path: (name: string) => string;
  readonly cleanup: () => void;
}

export function createPgpWorld(): PgpWorld {
  const { dir, cleanup } = tempDir();
  const home = join(dir, 'gnupg');
  mkdirSync(home, { mode: 0o700 });
  const keyring = join(dir, 'keyring');
  const passFile = join(dir, 'pass.txt');
  writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  const transcript: string[] = [];
  const gpg = (args: readonly string[]) => {
    const r = spawnSync(
      GPG,
      [
        '--batch',
        '--homedir',
        home,
        '--pinentry-mode',
        'loopback',
        '--passphrase-file',
        passFile,
        '--trust-model',
        'always',
        ...args,
      ],
      {
        encoding: 'utf8',
        cwd: dir,
      },
    );
    transcript.push(r.stdout, r.stderr);
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const km = (args: readonly string[], env: Record<string, string> = {}) => {
    const r = kmigrate(args, {
      cwd: dir,
      env: { KMIGRATE_KEYRING: keyring, KMIGRATE_PGP_PASSPHRASE: PASSPHRASE, ...env },
    });
    transcript.push(r.stdout, r.stderr);
    return r;
  };
  const path = (name: string) => join(dir, name);
  // gpg side: ed25519 primary + cv25519 subkey, passphrase-protected.
  gpg(['--quick-gen-key', 'Processor <export@processor.example.invalid>', 'ed25519', 'sign', 'never']);
  const gpgFpr = fingerprints(gpg(['--list-keys', '--with-colons']).stdout)[0] ?? '';
  gpg(['--quick-add-key', gpgFpr, 'cv25519', 'encr', 'never']);
  // kmigrate side.
  const generated = km([
    'keys',
    'generate',
    '--name',
    'CRM Intake',
    '--email',
    'intake@crm.example.invalid',
    '--format',
    'json',
  ]);
  const kmFpr = (JSON.parse(generated.stdout) as { fingerprint: string }).fingerprint;
  km(['keys', 'export', kmFpr, '--armor', '-o', path('km-public.asc')]);
  gpg(['--import', path('km-public.asc')]);
  gpg(['--armor', '--export-secret-keys', '-o', path('gpg-secret.asc'), gpgFpr]);
  km(['keys', 'import', path('gpg-secret.asc'), '--expect-fingerprint', gpgFpr]);
  const stop = () => {
    spawnSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']);
    cleanup();
  };
  return { dir, home, keyring, passFile, gpgFpr, kmFpr, transcript, gpg, km, path, cleanup: stop };
}

/** Fingerprints of primary keys in `--with-colons` output. */
export function fingerprints(colons: string): string[] {
  const out: string[] = [];
  let wantFpr = false;
  for (const line of colons.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === 'pub' || fields[0] === 'sec') wantFpr = true;
    else if (fields[0] === 'fpr' && wantFpr) {
      out.push(fields[9] ?? '');
      wantFpr = false;
    }
  }
  return out;
}

/** ~3 MB of CSV-like text with every byte value sprinkled in (so byte identity is meaningful). */
export function samplePlaintext(): Buffer {
  const rows = ['customer_id,email,card_bin,last4,amount'];
  for (let i = 0; i < 40_000; i++)
    rows.push(
      `${i},user${i}@example.invalid,411111,${String(i % 10_000).padStart(4, '0')},${(i * 1.37).toFixed(2)}`,
    );
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  return Buffer.concat([Buffer.from(`${rows.join('\r\n')}\r\n`), all, Buffer.from('\nno trailing newline')]);
}
