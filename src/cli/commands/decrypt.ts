/**
 * `kmigrate decrypt IN -o OUT`: stream-decrypt to OUT.partial (0600), rename only after the
 * integrity check (and any required signature) passes; delete it on any failure.
 * @module
 */
import { type Command, InvalidArgumentError } from 'commander';
import {
  DEFAULT_MAX_SIZE,
  decryptToStream,
  findKey,
  Keyring,
  readPassphrase,
  resolveKeyringDir,
  writeAtomically,
} from '../../pgp/index.js';
import type { CliIo } from '../io.js';

interface DecryptOpts {
  readonly verifyWith: readonly string[];
  readonly requireSignature?: boolean;
  readonly maxSize: number;
  readonly output: string;
  readonly keyring?: string;
  readonly passphraseFile?: string;
  readonly format: 'text' | 'json';
}

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  KI: 2 ** 10,
  MI: 2 ** 20,
  GI: 2 ** 30,
  TI: 2 ** 40,
};

/** Parse a size such as `10MB`, `64GiB` or `1048576`. */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]i?)?b?$/i.exec(value.trim());
  const unit = UNITS[(m?.[2] ?? '').toUpperCase()];
  if (!m || unit === undefined)
    throw new InvalidArgumentError('expected a size such as 10MB, 64GiB or 1048576.');
  return Math.floor(Number(m[1]) * unit);
}

async function decryptCommand(file: string, opts: DecryptOpts, io: CliIo): Promise<number> {
  const keyring = new Keyring(resolveKeyringDir(opts.keyring, io.env));
  const passphrase = await readPassphrase({ env: io.env, file: opts.passphraseFile });
  const verifyWith =
    opts.verifyWith.length === 0
      ? undefined
      : await Promise.all(opts.verifyWith.map((s) => findKey(keyring, s)));
  const started = performance.now();
  const { plaintext, verified } = decryptToStream(file, {
    keyring,
    passphrase,
    verifyWith,
    requireSignature: opts.requireSignature,
    maxSize: opts.maxSize,
  });
  const bytes = await writeAtomically(plaintext, opts.output, file);
  const seconds = (performance.now() - started) / 1000;
  const signature = await verified;
  if (opts.format === 'json')
    io.stdout(`${JSON.stringify({ input: file, output: opts.output, bytes, seconds, signature })}\n`);
  else {
    const sig =
      signature.status === 'valid'
        ? `signed by ${signature.signerFingerprint}`
        : signature.status === 'unknown-signer'
          ? `signed by unknown key ID ${signature.signerKeyIds.join(', ')} (not verified)`
          : 'not signed';
    io.stdout(
      `decrypted ${file} → ${opts.output} (${bytes.toLocaleString('en-US')} bytes, integrity OK, ${sig})\n`,
    );
  }
  return 0;
}

/** Register `decrypt` on the program. */
export function registerDecryptCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  cli
    .command('decrypt')
    .description(
      'decrypt an OpenPGP file (any format GnuPG or OpenPGP.js writes), integrity-checked before OUT appears',
    )
    .argument('<in>', 'the encrypted file (armored or binary)')
    .option(
      '--verify-with <key>',
      'accept signatures only from this key (repeatable; default: any keyring key)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--require-signature', 'fail unless an accepted key signed the message')
    .option(
      '--max-size <size>',
      'cap on decrypted size, e.g. 10GB (default 64GiB)',
      parseSize,
      DEFAULT_MAX_SIZE,
    )
    .requiredOption('-o, --output <file>', 'the plaintext file to write')
    .option('--keyring <dir>', 'keyring folder (default: KMIGRATE_KEYRING or .kmigrate/keys)')
    .option('--passphrase-file <file>', 'passphrase of the private key (else KMIGRATE_PGP_PASSPHRASE)')
    .option('--format <format>', 'output format: text or json', 'text')
    .action(async (file: string, opts: DecryptOpts) => setCode(await decryptCommand(file, opts, io)));
}
