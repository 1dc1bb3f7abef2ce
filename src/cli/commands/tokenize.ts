/**
 * `kmigrate tokenize IN -o OUT`: card numbers → vault tokens + BIN/last4/brand; CVCs dropped;
 * invalid numbers to a masked rejects file. OpenPGP input is decrypted in the stream.
 * @module
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type Issue, onInterrupt, ToolkitError } from '../../core/index.js';
import type { CsvSource } from '../../csv/index.js';
import {
  DEFAULT_MAX_SIZE,
  decryptToStream,
  Keyring,
  readPassphrase,
  resolveKeyringDir,
} from '../../pgp/index.js';
import { hashedFile, isPgpFile, type TokenizeResult, tokenizeFile } from '../../tokenize/index.js';
import { type CliIo, progress } from '../io.js';
import { parseSize } from './decrypt.js';
import { openVaultFromCli, type VaultCliOptions, withVaultOptions } from './vault.js';

interface TokenizeOpts extends VaultCliOptions {
  readonly output: string;
  readonly columns?: string;
  readonly idColumns?: string;
  readonly rejects?: string;
  readonly keyring?: string;
  readonly passphraseFile?: string;
  readonly maxSize: number;
  readonly format: 'text' | 'json';
}

function rejectsPath(out: string): string {
  return out.endsWith('.csv') ? `${out.slice(0, -4)}.rejects.csv` : `${out}.rejects.csv`;
}

async function sourceFor(
  file: string,
  bytes: AsyncIterable<Uint8Array>,
  opts: TokenizeOpts,
  io: CliIo,
): Promise<CsvSource> {
  if (!(await isPgpFile(file))) return bytes;
  const keyring = new Keyring(resolveKeyringDir(opts.keyring, io.env));
  const passphrase = await readPassphrase({ env: io.env, file: opts.passphraseFile });
  return decryptToStream(bytes, { keyring, passphrase, maxSize: opts.maxSize }).plaintext;
}

function report(
  file: string,
  out: string,
  rejects: string,
  r: TokenizeResult,
  opts: TokenizeOpts,
  io: CliIo,
): void {
  const issues: readonly Issue[] = r.issues.issues;
  if (opts.format === 'json') {
    const { issues: _omit, ...counts } = r;
    io.stdout(`${JSON.stringify({ input: file, output: out, rejects, ...counts, issues })}\n`);
    return;
  }
  for (const i of issues.filter((x) => x.severity === 'warning'))
    io.stderr(`warning: ${i.code}: ${i.message}\n`);
  io.stdout(
    `tokenized ${file} → ${out}: ${r.written.toLocaleString('en-US')} rows, ${r.cards.toLocaleString('en-US')} cards in [${r.cardColumns.join(', ')}]` +
      `${r.droppedColumns.length > 0 ? `, dropped [${r.droppedColumns.join(', ')}]` : ''}; ${r.rejected} rejected → ${rejects}\n`,
  );
}

async function tokenizeCommand(file: string, opts: TokenizeOpts, io: CliIo): Promise<number> {
  const rejects = opts.rejects ?? rejectsPath(opts.output);
  if (new Set([resolve(file), resolve(opts.output), resolve(rejects)]).size !== 3)
    throw new ToolkitError('USAGE', 'The input, output and rejects files must be three different files.');
  const vault = await openVaultFromCli(opts, io);
  // an interrupted run is audited too (PCI DSS 10.2: every access to card data)
  const forgetInterrupt = onInterrupt(() => vault.recordInterrupted('tokenize'));
  const hashed = hashedFile(file);
  const meter = progress(io, 'tokenize');
  let result: TokenizeResult | null = null;
  try {
    const source = await sourceFor(file, hashed.chunks, opts, io);
    const list = (names: string | undefined): string[] | undefined =>
      names
        ?.split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '');
    const columns = list(opts.columns);
    const idColumns = list(opts.idColumns);
    result = await tokenizeFile({
      source,
      file,
      vault,
      out: opts.output,
      rejects,
      columns,
      idColumns,
      onProgress: (n) => meter.update(n),
    });
  } catch (error) {
    const detail = error instanceof ToolkitError ? error.code : 'error';
    await vault.recordAudit({
      action: 'tokenize',
      count: 0,
      fileSha256: hashed.sha256(),
      result: 'failure',
      detail,
    });
    throw error;
  } finally {
    forgetInterrupt();
    meter.done();
    if (result !== null)
      await vault.recordAudit({
        action: 'tokenize',
        count: result.cards,
        fileSha256: hashed.sha256(),
        result: 'success',
        detail: file,
      });
    await vault.close();
  }
  report(file, opts.output, rejects, result, opts, io);
  return result.rejected > 0 ? 1 : 0;
}

/** Register `tokenize` on the program. */
export function registerTokenizeCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  withVaultOptions(
    cli
      .command('tokenize')
      .description(
        'replace card numbers with vault tokens (+ BIN, last 4, brand); drop CVCs; reject invalid numbers masked',
      )
      .argument(
        '<in>',
        'the card file: CSV, or OpenPGP-encrypted CSV (decrypted in the stream, never to disk)',
      )
      .requiredOption('-o, --output <file>', 'the tokenized CSV to write')
      .option('--columns <names>', 'card-number columns, comma-separated (more are detected by their values)')
      .option(
        '--id-columns <names>',
        'id columns whose values may look like card numbers (NMI customer_vault_id), comma-separated: kept, not refused',
      )
      .option(
        '--rejects <file>',
        'where rejected rows go, masked (default: the output path with .rejects.csv for its extension)',
      )
      .option('--keyring <dir>', 'keyring for encrypted input (default: KMIGRATE_KEYRING or .kmigrate/keys)')
      .option('--passphrase-file <file>', 'passphrase of the PGP private key (else KMIGRATE_PGP_PASSPHRASE)')
      .option('--max-size <size>', 'cap on decrypted size for encrypted input', parseSize, DEFAULT_MAX_SIZE),
  )
    .option('--format <format>', 'output format: text or json', 'text')
    .action(async (file: string, opts: TokenizeOpts) => setCode(await tokenizeCommand(file, opts, io)));
}
