/**
 * `kmigrate receive --config intake.yaml`: run the SFTP intake server until SIGINT/SIGTERM.
 * `kmigrate receive hash-password`: hash a password (from KMIGRATE_SFTP_PASSWORD or stdin) for
 * intake.yaml.
 * @module
 */
import type { Command } from 'commander';
import { ToolkitError } from '../../core/index.js';
import { hashPassword, readIntakeConfig, startIntakeServer } from '../../intake/index.js';
import { SFTP_PASSWORD_ENV } from '../../transport/index.js';
import type { CliIo } from '../io.js';

interface ReceiveOpts {
  readonly config: string;
  readonly format: 'text' | 'json';
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function receiveCommand(opts: ReceiveOpts, io: CliIo): Promise<number> {
  const config = await readIntakeConfig(opts.config);
  const server = await startIntakeServer(config);
  const stopped = untilSignal();
  if (opts.format === 'json')
    io.stdout(
      `${JSON.stringify({ listening: { host: server.host, port: server.port }, fingerprint: server.fingerprint, generatedHostKey: server.generatedHostKey })}\n`,
    );
  else {
    io.stdout(
      `intake listening on ${server.host}:${server.port} (${config.accounts.size} accounts, audit log ${config.auditLogPath})\n`,
    );
    io.stdout(
      `host key ${server.fingerprint}${server.generatedHostKey ? ' (new: hand this fingerprint to the processors)' : ''}\n`,
    );
  }
  // nothing may happen unaudited: an audit log that fails stops the intake (exit 2)
  const outcome = await Promise.race([stopped, server.failed]);
  if (typeof outcome !== 'string') {
    await server.close();
    throw outcome;
  }
  io.stderr(`intake: ${outcome}: stopping, unfinished uploads are discarded\n`);
  await server.close();
  return 0;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

async function hashPasswordCommand(io: CliIo, format: 'text' | 'json'): Promise<number> {
  const password = io.env[SFTP_PASSWORD_ENV] || (await readStdin()).split(/\r?\n/)[0];
  if (!password)
    throw new ToolkitError(
      'INTAKE_PASSWORD_MISSING',
      `Set ${SFTP_PASSWORD_ENV} or pipe the password on standard input.`,
    );
  const hash = await hashPassword(password);
  io.stdout(format === 'json' ? `${JSON.stringify({ hash })}\n` : `${hash}\n`);
  return 0;
}

/** Register `receive` (and `receive hash-password`) on the program. */
export function registerReceiveCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  const receive = cli
    .command('receive')
    .description(
      'run the SFTP intake server: per-account folders, encrypted uploads only (and NAME.sha256 checksum sidecars), audit log',
    )
    .option('--config <yaml>', 'the intake.yaml to serve')
    .option('--format <format>', 'output format: text or json', 'text')
    .action(async (opts: Partial<ReceiveOpts>) => {
      if (!opts.config)
        throw new ToolkitError('USAGE', 'Give --config intake.yaml (or use `receive hash-password`).');
      setCode(
        await receiveCommand({ config: opts.config, format: opts.format === 'json' ? 'json' : 'text' }, io),
      );
    });
  receive
    .command('hash-password')
    .description(`print a scrypt hash for intake.yaml; the password comes from ${SFTP_PASSWORD_ENV} or stdin`)
    .option('--format <format>', 'output format: text or json', 'text')
    // `receive --format` is recognised after the subcommand too: read both
    .action(async (_opts: unknown, command: Command) => {
      const { format } = command.optsWithGlobals<{ format: 'text' | 'json' }>();
      setCode(await hashPasswordCommand(io, format));
    });
}
