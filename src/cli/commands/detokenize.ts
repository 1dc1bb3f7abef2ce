/**
 * `kmigrate detokenize IN --encrypt-to KEY -o OUT.pgp`: the only way card numbers leave the
 * vault, straight into an OpenPGP-encrypted file (never standard output, never plaintext).
 * @module
 */
import type { Command } from 'commander';
import { onInterrupt, ToolkitError } from '../../core/index.js';
import { encryptToStream, findKey, Keyring, resolveKeyringDir, writeAtomically } from '../../pgp/index.js';
import { type DetokenizeStats, detokenizeRows, hashedFile } from '../../tokenize/index.js';
import type { CliIo } from '../io.js';
import { openVaultFromCli, type VaultCliOptions, withVaultOptions } from './vault.js';

interface DetokenizeOpts extends VaultCliOptions {
  readonly encryptTo: readonly string[];
  readonly output: string;
  readonly columns?: string;
  readonly keyring?: string;
  readonly armor?: boolean;
  readonly format: 'text' | 'json';
}

const NOT_A_FILE = /^(?:-|\/dev\/.*|\/proc\/.*)$/;

function refusePlaintext(opts: DetokenizeOpts): void {
  if (NOT_A_FILE.test(opts.output))
    throw new ToolkitError(
      'TOKENIZE_PLAINTEXT_OUTPUT_REFUSED',
      'detokenize writes only to an encrypted file, never to standard output or a device.',
    );
  if (opts.encryptTo.length === 0)
    throw new ToolkitError(
      'TOKENIZE_PLAINTEXT_OUTPUT_REFUSED',
      'detokenize needs --encrypt-to: card numbers leave the vault only encrypted.',
    );
}

async function detokenizeCommand(file: string, opts: DetokenizeOpts, io: CliIo): Promise<number> {
  refusePlaintext(opts);
  const keyring = new Keyring(resolveKeyringDir(opts.keyring, io.env));
  const recipients = await Promise.all(opts.encryptTo.map((spec) => findKey(keyring, spec)));
  const vault = await openVaultFromCli(opts, io);
  // an interrupted run is audited too (PCI DSS 10.2: every access to card data)
  const forgetInterrupt = onInterrupt(() => vault.recordInterrupted('detokenize'));
  const hashed = hashedFile(file);
  const stats: DetokenizeStats = { rows: 0, cards: 0, columns: [] };
  try {
    const columns = opts.columns
      ?.split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const rows = detokenizeRows({ source: hashed.chunks, file, vault, columns }, stats);
    const { ciphertext } = await encryptToStream(rows, { recipients, armor: opts.armor });
    // -o naming the input (by any path) would replace the tokenized file with the delivery
    await writeAtomically(ciphertext, opts.output, file);
    await vault.recordAudit({
      action: 'detokenize',
      count: stats.cards,
      fileSha256: hashed.sha256(),
      result: 'success',
      detail: opts.output,
    });
  } catch (error) {
    const detail = error instanceof ToolkitError ? error.code : 'error';
    await vault.recordAudit({
      action: 'detokenize',
      count: stats.cards,
      fileSha256: hashed.sha256(),
      result: 'failure',
      detail,
    });
    throw error;
  } finally {
    forgetInterrupt();
    await vault.close();
  }
  const to = recipients.map((k) => k.getFingerprint().toUpperCase());
  if (opts.format === 'json')
    io.stdout(`${JSON.stringify({ input: file, output: opts.output, recipients: to, ...stats })}\n`);
  else
    io.stdout(
      `detokenized ${stats.cards.toLocaleString('en-US')} cards in ${stats.rows.toLocaleString('en-US')} rows → ${opts.output}, encrypted to ${to.join(', ')}\n`,
    );
  return 0;
}

/** Register `detokenize` on the program. */
export function registerDetokenizeCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  withVaultOptions(
    cli
      .command('detokenize')
      .description('put card numbers back for the final delivery, straight into an OpenPGP-encrypted file')
      .argument('<in>', 'a tokenized CSV')
      .option(
        '--encrypt-to <key>',
        'recipient key: fingerprint, prefix, e-mail or key file (repeatable; required)',
        (v: string, acc: string[]) => [...acc, v],
        [] as string[],
      )
      .requiredOption('-o, --output <file>', 'the encrypted file to write (OUT.pgp)')
      .option('--columns <names>', 'token columns, comma-separated (default: detected by token shape)')
      .option('--keyring <dir>', 'keyring folder (default: KMIGRATE_KEYRING or .kmigrate/keys)')
      .option('--armor', 'ASCII-armored output'),
  )
    .option('--format <format>', 'output format: text or json', 'text')
    .action(async (file: string, opts: DetokenizeOpts) => setCode(await detokenizeCommand(file, opts, io)));
}
