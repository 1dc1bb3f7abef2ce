/**
 * `kmigrate push FILE… sftp://USER@HOST[:PORT]/DIR`: verified, resumable uploads, optionally
 * encrypted on the way out (`--encrypt-to`).
 * @module
 */
import { basename } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ToolkitError } from '../../core/index.js';
import { encryptToStream, findKey, Keyring, resolveKeyringDir } from '../../pgp/index.js';
import {
  fileSource,
  formatSftpAddress,
  loadHostKeyPins,
  loadSftpCredentials,
  openSftpStore,
  parseSftpUrl,
  progressReporter,
  pushFiles,
  remoteSession,
  type SftpAddress,
  type TransferResult,
  type UploadSource,
} from '../../transport/index.js';
import type { CliIo } from '../io.js';

/** Options shared by push and pull. */
export interface SftpCliOpts {
  readonly hostKey: readonly string[];
  readonly knownHosts?: string;
  readonly identity?: string;
  readonly passwordFile?: string;
  readonly resume: boolean;
  readonly verify: 'reread' | 'size';
  readonly retries: number;
  readonly format: 'text' | 'json';
}

interface PushOpts extends SftpCliOpts {
  readonly encryptTo: readonly string[];
  readonly keyring?: string;
  readonly sidecar?: boolean;
}

/** Open a reconnecting session to `address` rooted at `root`. */
export async function sftpSession(address: SftpAddress, root: string, opts: SftpCliOpts, io: CliIo) {
  const credentials = await loadSftpCredentials({
    env: io.env,
    passwordFile: opts.passwordFile,
    identityFile: opts.identity,
  });
  const pins = await loadHostKeyPins(address.host, address.port, {
    fingerprints: opts.hostKey,
    knownHostsFile: opts.knownHosts,
  });
  return remoteSession(() => openSftpStore({ ...address, credentials, pins, root }));
}

/** Progress on a TTY (throttled), plus retry notices. */
export function transferReporting(io: CliIo, opts: SftpCliOpts) {
  return { attempts: opts.retries + 1, ...progressReporter(io.stderr, io.isTty) };
}

/** Print the results. */
export function reportTransfers(
  io: CliIo,
  verb: string,
  results: readonly TransferResult[],
  format: string,
): void {
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ transfers: results })}\n`);
    return;
  }
  for (const r of results)
    io.stdout(
      `${verb} ${r.source} → ${r.target} (${r.bytes.toLocaleString('en-US')} bytes, SHA-256 ${r.sha256}, verified: ${r.verified}${r.resumedFrom > 0 ? `, resumed at ${r.resumedFrom}` : ''})\n`,
    );
}

async function encryptedSources(
  files: readonly string[],
  opts: PushOpts,
  io: CliIo,
): Promise<UploadSource[]> {
  const keyring = new Keyring(resolveKeyringDir(opts.keyring, io.env));
  const recipients = await Promise.all(opts.encryptTo.map((spec) => findKey(keyring, spec)));
  return Promise.all(
    files.map(async (file) => {
      await fileSource(file); // fails early when the file is missing
      return {
        label: `${basename(file)}.gpg`,
        size: undefined,
        resumable: false,
        open: () => encryptedBytes(file, recipients),
      } satisfies UploadSource;
    }),
  );
}

async function* encryptedBytes(
  file: string,
  recipients: Parameters<typeof encryptToStream>[1]['recipients'],
) {
  const { ciphertext } = await encryptToStream(file, { recipients });
  for await (const chunk of ciphertext) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

async function pushCommand(args: readonly string[], opts: PushOpts, io: CliIo): Promise<number> {
  const url = args.at(-1);
  const files = args.slice(0, -1);
  if (url === undefined || files.length === 0)
    throw new ToolkitError(
      'USAGE',
      'Give at least one file and then the destination sftp://USER@HOST[:PORT]/DIR.',
    );
  const address = parseSftpUrl(url);
  const sources =
    opts.encryptTo.length > 0
      ? await encryptedSources(files, opts, io)
      : await Promise.all(files.map(fileSource));
  const session = await sftpSession(address, address.path, opts, io);
  const report = transferReporting(io, opts);
  try {
    const results = await pushFiles(session, sources, {
      ...report,
      resume: opts.resume,
      verify: opts.verify,
      sidecar: Boolean(opts.sidecar),
    });
    report.done();
    reportTransfers(
      io,
      'pushed',
      results.map((r) => ({ ...r, target: `${formatSftpAddress(address).replace(/\/$/, '')}/${r.target}` })),
      opts.format,
    );
    return 0;
  } finally {
    report.done();
    await session.drop();
  }
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 20) throw new InvalidArgumentError('expected 0 to 20.');
  return n;
}

/** Add the options push and pull share. */
export function sftpOptions(command: Command): Command {
  return command
    .option(
      '--host-key <fingerprint>',
      'pinned host key, SHA256:… (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--known-hosts <file>', 'an OpenSSH known_hosts file listing the host')
    .option('--identity <file>', 'private key file (passphrase from KMIGRATE_SFTP_KEY_PASSPHRASE)')
    .option('--password-file <file>', 'file holding the password (else KMIGRATE_SFTP_PASSWORD)')
    .option('--no-resume', 'start over instead of continuing a partial transfer')
    .addOption(
      new Option('--verify <how>', 'reread: SHA-256 of the other copy; size: size only (no resume)')
        .choices(['reread', 'size'])
        .default('reread'),
    )
    .option('--retries <n>', 'retries with back-off after a dropped connection or failed check', count, 3)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
}

/** Register `push` on the program. */
export function registerPushCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  const push = cli
    .command('push')
    .description('upload files over SFTP: temporary name, SHA-256 verified, then renamed; resumable')
    .argument('<args...>', 'FILE… then sftp://USER@HOST[:PORT]/DIR')
    .option(
      '--encrypt-to <key>',
      'encrypt each file on the way out to this key (repeatable); uploads NAME.gpg',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option(
      '--keyring <dir>',
      'keyring folder for --encrypt-to (default: KMIGRATE_KEYRING or .kmigrate/keys)',
    )
    .option('--sidecar', 'also upload NAME.sha256 beside each file (pull checks it; receive accepts it)');
  sftpOptions(push).action(async (args: string[], opts: PushOpts) =>
    setCode(await pushCommand(args, opts, io)),
  );
}
