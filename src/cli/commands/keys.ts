/**
 * `kmigrate keys generate|import|list|show|export`: the workspace keyring.
 * @module
 */
import { open } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { ToolkitError } from '../../core/index.js';
import {
  describeKey,
  findKey,
  formatKeyDetails,
  formatKeyLine,
  generateKeyPair,
  groupFingerprint,
  importKeys,
  Keyring,
  readPassphrase,
  requirePassphrase,
  resolveKeyringDir,
} from '../../pgp/index.js';
import type { CliIo } from '../io.js';
import { positive } from '../options.js';

type SetCode = (code: number) => void;

interface KeyringOpts {
  readonly keyring?: string;
  readonly passphraseFile?: string;
  readonly format?: 'text' | 'json';
}

function keyringOf(opts: KeyringOpts, io: CliIo): Keyring {
  return new Keyring(resolveKeyringDir(opts.keyring, io.env));
}

function common(cmd: Command): Command {
  return cmd
    .option('--keyring <dir>', 'keyring folder (default: KMIGRATE_KEYRING or .kmigrate/keys)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
}

async function generate(
  opts: KeyringOpts & { name: string; email: string; rsa?: boolean; expiresDays?: number },
  io: CliIo,
): Promise<number> {
  const passphrase = await requirePassphrase({ env: io.env, file: opts.passphraseFile }, 'Generating a key');
  const keyring = keyringOf(opts, io);
  const key = await generateKeyPair({
    name: opts.name,
    email: opts.email,
    passphrase,
    rsa: opts.rsa,
    expiresDays: opts.expiresDays,
  });
  const stored = await keyring.add(key);
  const info = await describeKey(stored.key);
  if (opts.format === 'json') io.stdout(`${JSON.stringify({ ...info, path: stored.path })}\n`);
  else
    io.stdout(
      `generated ${info.algorithm} key ${groupFingerprint(info.fingerprint)}\n  stored in ${stored.path}\n` +
        `  give the public key to the sender: kmigrate keys export ${info.fingerprint} --armor -o public-key.asc\n`,
    );
  return 0;
}

async function importCmd(file: string, opts: KeyringOpts & { expectFingerprint?: string }, io: CliIo) {
  const passphrase = await readPassphrase({ env: io.env, file: opts.passphraseFile });
  const stored = await importKeys(keyringOf(opts, io), file, {
    expectFingerprint: opts.expectFingerprint,
    passphrase,
  });
  const infos = await Promise.all(stored.map((s) => describeKey(s.key)));
  if (opts.format === 'json') io.stdout(`${JSON.stringify(infos)}\n`);
  else {
    for (const info of infos) io.stdout(`imported ${formatKeyLine(info)}\n`);
    if (opts.expectFingerprint === undefined)
      io.stdout(
        'check the fingerprint with the key owner by phone or in person (or use --expect-fingerprint).\n',
      );
  }
  return 0;
}

async function list(opts: KeyringOpts, io: CliIo): Promise<number> {
  const infos = await Promise.all((await keyringOf(opts, io).list()).map((s) => describeKey(s.key)));
  if (opts.format === 'json') io.stdout(`${JSON.stringify(infos)}\n`);
  else if (infos.length === 0) io.stdout('the keyring is empty.\n');
  else for (const info of infos) io.stdout(`${formatKeyLine(info)}\n`);
  return 0;
}

async function show(spec: string, opts: KeyringOpts, io: CliIo): Promise<number> {
  const info = await describeKey(await findKey(keyringOf(opts, io), spec));
  io.stdout(opts.format === 'json' ? `${JSON.stringify(info)}\n` : formatKeyDetails(info));
  return 0;
}

/**
 * Write an exported key. A private key's file is made 0600 before any byte is written: the mode
 * given to `open` applies only to a new file, so an existing 0644 file would stay readable.
 */
async function writeKeyFile(path: string, data: string | Uint8Array, secret: boolean): Promise<void> {
  const handle = await open(path, 'w', secret ? 0o600 : 0o644);
  try {
    if (secret) await handle.chmod(0o600);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

async function exportCmd(
  spec: string,
  opts: KeyringOpts & { armor?: boolean; output?: string; secretKey?: boolean },
  io: CliIo,
): Promise<number> {
  const key = await findKey(keyringOf(opts, io), spec);
  if (opts.secretKey) {
    if (!key.isPrivate())
      throw new ToolkitError('PGP_KEY_NOT_FOUND', 'The keyring has only the public part of this key.');
    if (opts.output === undefined)
      throw new ToolkitError(
        'PGP_SECRET_TO_TTY',
        'A private key is never printed: write it to a file with -o FILE.',
      );
  }
  const exported = opts.secretKey ? key : key.toPublic();
  if (opts.output === undefined) {
    io.stdout(exported.armor());
    return 0;
  }
  const data = opts.armor ? exported.armor() : exported.write();
  try {
    await writeKeyFile(opts.output, data, opts.secretKey === true);
  } catch (cause) {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot write ${opts.output}.`, { cause });
  }
  io.stderr(
    `wrote ${opts.secretKey ? 'private' : 'public'} key ${key.getFingerprint().toUpperCase()} to ${opts.output}\n`,
  );
  return 0;
}

/** Register `keys` and its subcommands on the program. */
export function registerKeysCommand(cli: Command, io: CliIo, setCode: SetCode): void {
  const keys = cli.command('keys').description('manage the workspace OpenPGP keyring');
  common(
    keys.command('generate').description('generate a v4 key pair (ed25519/cv25519, or RSA-4096 with --rsa)'),
  )
    .requiredOption('--name <name>', 'the owner name in the user ID')
    .requiredOption('--email <email>', 'the owner e-mail in the user ID')
    .option('--rsa', 'RSA-4096 instead of ed25519/cv25519')
    .option('--expires-days <days>', 'key lifetime in days (default: no expiry)', positive)
    .option('--passphrase-file <file>', 'read the passphrase from this file (else KMIGRATE_PGP_PASSPHRASE)')
    .action(async (opts) => setCode(await generate(opts, io)));
  common(keys.command('import').description('import keys from a file (armored or binary)'))
    .argument('<file>', 'the key file')
    .option('--expect-fingerprint <fpr>', 'refuse unless the key has this fingerprint')
    .option('--passphrase-file <file>', 'protects an unprotected private key on import')
    .action(async (file: string, opts) => setCode(await importCmd(file, opts, io)));
  common(keys.command('list').description('list the keys in the keyring')).action(async (opts) =>
    setCode(await list(opts, io)),
  );
  common(keys.command('show').description('fingerprint, algorithms, expiry, capabilities, version, features'))
    .argument('<key>', 'fingerprint, unique prefix, e-mail or key file')
    .action(async (spec: string, opts) => setCode(await show(spec, opts, io)));
  common(
    keys.command('export').description('export a public key (a private key only with --secret-key and -o)'),
  )
    .argument('<key>', 'fingerprint, unique prefix, e-mail or key file')
    .option('--armor', 'ASCII-armored output (always armored on stdout)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--secret-key', 'export the (passphrase-protected) private key; requires -o')
    .action(async (spec: string, opts) => setCode(await exportCmd(spec, opts, io)));
}
