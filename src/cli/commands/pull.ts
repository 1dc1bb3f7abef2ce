/**
 * `kmigrate pull sftp://USER@HOST[:PORT]/PATH… -o DIR`: verified, resumable downloads.
 * @module
 */
import type { Command } from 'commander';
import { ToolkitError } from '../../core/index.js';
import { parseSftpUrl, pullFiles, type SftpAddress } from '../../transport/index.js';
import type { CliIo } from '../io.js';
import { reportTransfers, type SftpCliOpts, sftpOptions, sftpSession, transferReporting } from './push.js';

interface PullOpts extends SftpCliOpts {
  readonly output: string;
}

function sameServer(a: SftpAddress, b: SftpAddress): boolean {
  return a.host === b.host && a.port === b.port && a.user === b.user;
}

async function pullCommand(urls: readonly string[], opts: PullOpts, io: CliIo): Promise<number> {
  const addresses = urls.map(parseSftpUrl);
  const first = addresses[0]!;
  if (!addresses.every((a) => sameServer(a, first)))
    throw new ToolkitError('USAGE', 'All files of one pull must come from the same USER@HOST:PORT.');
  const absolute = first.path.startsWith('/');
  if (!addresses.every((a) => a.path.startsWith('/') === absolute))
    throw new ToolkitError('USAGE', 'Mix of absolute and /~/ paths: pull them separately.');
  const session = await sftpSession(first, absolute ? '/' : '.', opts, io);
  const report = transferReporting(io, opts);
  try {
    const results = await pullFiles(
      session,
      addresses.map((a) => a.path),
      opts.output,
      { ...report, resume: opts.resume, verify: opts.verify },
    );
    report.done();
    reportTransfers(io, 'pulled', results, opts.format);
    return 0;
  } finally {
    report.done();
    await session.drop();
  }
}

/** Register `pull` on the program. */
export function registerPullCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  const pull = cli
    .command('pull')
    .description('download files over SFTP: verified against a .sha256 sidecar or a re-read; resumable')
    .argument('<urls...>', 'sftp://USER@HOST[:PORT]/PATH (one or more)')
    .requiredOption('-o, --output <dir>', 'the local folder to download into');
  sftpOptions(pull).action(async (urls: string[], opts: PullOpts) =>
    setCode(await pullCommand(urls, opts, io)),
  );
}
