/**
 * `kmigrate handoff --aoc AOC.pdf --key KEY.asc --expect-fingerprint FPR -o kit.zip`.
 * @module
 */
import { type Command, InvalidArgumentError } from 'commander';
import { ToolkitError } from '../../core/index.js';
import { buildHandoffKit } from '../../handoff/index.js';
import type { CliIo } from '../io.js';

interface HandoffOpts {
  readonly aoc: string;
  readonly key: string;
  readonly expectFingerprint: string;
  readonly output: string;
  readonly sftpHost?: string;
  readonly sftpUser?: string;
  readonly sftpPort?: number;
  readonly includePassword?: boolean;
  readonly sftpHostKey?: string;
  readonly merchant?: string;
  readonly format: 'text' | 'json';
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('expected a port number.');
  return n;
}

/** An OpenSSH SHA-256 host key fingerprint, as `kmigrate receive` and `ssh-keygen -l` print it. */
const HOST_KEY = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** The intake server's host key fingerprint for SFTP.txt (--sftp-host-key, else KMIGRATE_SFTP_HOST_KEY). */
function hostKeyOf(opts: HandoffOpts, io: CliIo): string | undefined {
  const key = (opts.sftpHostKey ?? io.env.KMIGRATE_SFTP_HOST_KEY)?.trim();
  if (key === undefined || key === '') return undefined;
  if (!HOST_KEY.test(key))
    throw new ToolkitError(
      'USAGE',
      'The SFTP host key must be a SHA-256 fingerprint as kmigrate receive prints it (SHA256: and 43 base64 characters).',
    );
  return key;
}

async function handoffCommand(opts: HandoffOpts, io: CliIo): Promise<number> {
  const host = opts.sftpHost ?? io.env.KMIGRATE_SFTP_HOST;
  const user = opts.sftpUser ?? io.env.KMIGRATE_SFTP_USER;
  if (!host || !user)
    throw new ToolkitError(
      'HANDOFF_SFTP_MISSING',
      'Give the SFTP destination: --sftp-host and --sftp-user, or KMIGRATE_SFTP_HOST and KMIGRATE_SFTP_USER.',
    );
  const password = opts.includePassword ? io.env.KMIGRATE_SFTP_PASSWORD : undefined;
  if (opts.includePassword && !password)
    throw new ToolkitError(
      'HANDOFF_PASSWORD_MISSING',
      'Set KMIGRATE_SFTP_PASSWORD to include the SFTP password.',
    );
  const result = await buildHandoffKit({
    aoc: opts.aoc,
    key: opts.key,
    expectFingerprint: opts.expectFingerprint,
    sftp: { host, user, port: opts.sftpPort ?? 22, password, hostKey: hostKeyOf(opts, io) },
    merchant: opts.merchant,
    output: opts.output,
  });
  if (opts.format === 'json') io.stdout(`${JSON.stringify(result)}\n`);
  else
    io.stdout(
      `wrote ${result.output}: ${result.files.join(', ')}\n  key ${result.fingerprint} (fingerprint checked)\n` +
        `  SFTP password ${result.passwordIncluded ? 'INCLUDED: send the kit over a secure channel' : 'not included: send it separately'}\n` +
        `  SFTP host key ${result.hostKey ?? 'not included (--sftp-host-key): confirm it to the processor separately'}\n`,
    );
  return 0;
}

/** Register `handoff` on the program. */
export function registerHandoffCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  cli
    .command('handoff')
    .description(
      'build the kit for the old processor: AOC, public key, fingerprint, SFTP destination, request letter',
    )
    .requiredOption('--aoc <pdf>', "the new provider's PCI DSS Attestation of Compliance")
    .requiredOption('--key <file>', "the receiving side's public key file")
    .requiredOption('--expect-fingerprint <fpr>', 'refuse unless the key has this fingerprint')
    .requiredOption('-o, --output <zip>', 'the kit to write')
    .option('--sftp-host <host>', 'SFTP host (else KMIGRATE_SFTP_HOST)')
    .option('--sftp-user <user>', 'SFTP user (else KMIGRATE_SFTP_USER)')
    .option('--sftp-port <port>', 'SFTP port (default 22)', port)
    .option('--include-password', 'put KMIGRATE_SFTP_PASSWORD into SFTP.txt (never printed)')
    .option(
      '--sftp-host-key <fingerprint>',
      "the SFTP server's host key (SHA256:…, as kmigrate receive prints it; else KMIGRATE_SFTP_HOST_KEY)",
    )
    .option('--merchant <name>', 'the merchant name for the request letter')
    .option('--format <format>', 'output format: text or json', 'text')
    .action(async (opts: HandoffOpts) => setCode(await handoffCommand(opts, io)));
}
