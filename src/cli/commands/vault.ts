/**
 * `kmigrate vault init|rotate`, and the vault options every card command shares.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { ToolkitError } from '../../core/index.js';
import {
  initSqliteVault,
  NEW_KEK_ENV,
  openSqliteVault,
  readKek,
  type TokenVault,
} from '../../vault/index.js';
import type { CliIo } from '../io.js';
import { formatOption } from '../options.js';

/** Options every vault-using command takes. */
export interface VaultCliOptions {
  readonly vault?: string;
  readonly kekFile?: string;
  readonly auditLog?: string;
  readonly format?: 'text' | 'json';
}

/** The vault file: --vault, else KMIGRATE_VAULT, else .kmigrate/vault.db. */
export function vaultPath(opts: VaultCliOptions, io: CliIo): string {
  return opts.vault ?? io.env.KMIGRATE_VAULT ?? '.kmigrate/vault.db';
}

/** Open the vault named by the options, with its KEK and audit file. */
export async function openVaultFromCli(opts: VaultCliOptions, io: CliIo): Promise<TokenVault> {
  const kek = await readKek({ env: io.env, file: opts.kekFile });
  const path = vaultPath(opts, io);
  return openSqliteVault(path, kek, { auditFile: opts.auditLog ?? `${path}.audit.jsonl` });
}

/** Add --vault, --kek-file and --audit-log to a command. */
export function withVaultOptions(command: Command): Command {
  return command
    .option('--vault <file>', 'the vault database (default: KMIGRATE_VAULT or .kmigrate/vault.db)')
    .option('--kek-file <file>', 'the vault key-encryption key (else KMIGRATE_VAULT_KEK)')
    .option('--audit-log <file>', 'the JSON-lines audit log (default: VAULT.audit.jsonl)');
}

async function initCommand(opts: VaultCliOptions, io: CliIo): Promise<number> {
  const kek = await readKek({ env: io.env, file: opts.kekFile });
  const path = vaultPath(opts, io);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const vault = initSqliteVault(path, kek, { auditFile: opts.auditLog ?? `${path}.audit.jsonl` });
  await vault.close();
  io.stdout(
    opts.format === 'json'
      ? `${JSON.stringify({ vault: path, created: true })}\n`
      : `created vault ${path} (keys wrapped under the key-encryption key; the key itself is not stored)\n`,
  );
  return 0;
}

async function rotateCommand(opts: VaultCliOptions & { newKekFile?: string }, io: CliIo): Promise<number> {
  const newKek = await readKek({ env: io.env, file: opts.newKekFile, envName: NEW_KEK_ENV });
  const vault = await openVaultFromCli(opts, io);
  try {
    if (newKek.reveal().equals((await readKek({ env: io.env, file: opts.kekFile })).reveal()))
      throw new ToolkitError(
        'VAULT_KEK_INVALID',
        'The new key-encryption key is the same as the current one.',
      );
    await vault.rotate(newKek);
    await vault.recordAudit({ action: 'rotate', count: 0, fileSha256: null, result: 'success', detail: '' });
  } catch (error) {
    const detail = error instanceof ToolkitError ? error.code : 'error';
    await vault.recordAudit({ action: 'rotate', count: 0, fileSha256: null, result: 'failure', detail });
    throw error;
  } finally {
    await vault.close();
  }
  io.stdout(
    opts.format === 'json'
      ? `${JSON.stringify({ vault: vaultPath(opts, io), rotated: true })}\n`
      : `rotated ${vaultPath(opts, io)}: keys re-wrapped under the new key-encryption key; tokens unchanged\n`,
  );
  return 0;
}

/** Register `vault` on the program. */
export function registerVaultCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  const vault = cli.command('vault').description('create the card vault and rotate its key-encryption key');
  withVaultOptions(
    vault
      .command('init')
      .description('create an empty vault (keys wrapped under KMIGRATE_VAULT_KEK)')
      .addOption(formatOption()),
  ).action(async (opts: VaultCliOptions) => setCode(await initCommand(opts, io)));
  withVaultOptions(
    vault
      .command('rotate')
      .description(
        're-wrap the vault keys under a new key-encryption key (KMIGRATE_VAULT_NEW_KEK); tokens unchanged',
      )
      .option('--new-kek-file <file>', 'the new key-encryption key (else KMIGRATE_VAULT_NEW_KEK)')
      .addOption(formatOption()),
  ).action(async (opts: VaultCliOptions & { newKekFile?: string }) => setCode(await rotateCommand(opts, io)));
}
