/**
 * `kmigrate encrypt IN --to KEY -o OUT`: stream-encrypt a file to a recipient's public key.
 * @module
 */
import type { Command } from 'commander';
import {
  encryptToStream,
  findKey,
  Keyring,
  readPassphrase,
  resolveKeyringDir,
  unlockKey,
  writeAtomically,
} from '../../pgp/index.js';
import type { CliIo } from '../io.js';

interface EncryptOpts {
  readonly to: readonly string[];
  readonly signWith?: string;
  readonly armor?: boolean;
  readonly output: string;
  readonly keyring?: string;
  readonly passphraseFile?: string;
  readonly format: 'text' | 'json';
}

async function encryptCommand(file: string, opts: EncryptOpts, io: CliIo): Promise<number> {
  const keyring = new Keyring(resolveKeyringDir(opts.keyring, io.env));
  const recipients = await Promise.all(opts.to.map((spec) => findKey(keyring, spec)));
  const signWith =
    opts.signWith === undefined
      ? undefined
      : await unlockKey(
          await findKey(keyring, opts.signWith),
          await readPassphrase({ env: io.env, file: opts.passphraseFile }),
        );
  const started = performance.now();
  const { ciphertext, format } = await encryptToStream(file, { recipients, signWith, armor: opts.armor });
  const bytes = await writeAtomically(ciphertext, opts.output, file);
  const seconds = (performance.now() - started) / 1000;
  const to = recipients.map((k) => k.getFingerprint().toUpperCase());
  if (opts.format === 'json')
    io.stdout(
      `${JSON.stringify({ input: file, output: opts.output, recipients: to, format, signed: Boolean(signWith), bytes, seconds })}\n`,
    );
  else
    io.stdout(
      `encrypted ${file} → ${opts.output} for ${to.join(', ')} (${format === 'seipdv1' ? 'SEIPDv1 + MDC, GnuPG-compatible' : 'SEIPDv2 AEAD'}${signWith ? ', signed' : ''})\n`,
    );
  return 0;
}

/** Register `encrypt` on the program. */
export function registerEncryptCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  cli
    .command('encrypt')
    .description(
      'encrypt a file to a public key (streaming; GnuPG-compatible unless the key advertises SEIPDv2)',
    )
    .argument('<in>', 'the file to encrypt')
    .requiredOption(
      '--to <key>',
      'recipient: fingerprint, unique prefix, e-mail or key file (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--sign-with <key>', 'also sign with this private key from the keyring')
    .option('--armor', 'ASCII-armored output')
    .requiredOption('-o, --output <file>', 'the encrypted file to write')
    .option('--keyring <dir>', 'keyring folder (default: KMIGRATE_KEYRING or .kmigrate/keys)')
    .option('--passphrase-file <file>', 'passphrase of the signing key (else KMIGRATE_PGP_PASSPHRASE)')
    .option('--format <format>', 'output format: text or json', 'text')
    .action(async (file: string, opts: EncryptOpts) => setCode(await encryptCommand(file, opts, io)));
}
