/**
 * A temporary folder for the card-data path through the built CLI: a keyring and passphrase of
 * its own, a vault key-encryption key, and `kmigrate` run inside it.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type CliRun, kmigrate, tempDir } from './cli.js';

/** The workspace: its folder, `km` (kmigrate in it), the vault arguments, `cleanup`. */
export interface CardWorkspace {
  readonly dir: string;
  readonly km: (args: string[]) => CliRun;
  /** `--vault vault.db --kek-file vault.kek`, relative to the folder. */
  readonly vault: readonly string[];
  cleanup(): void;
}

/** A workspace holding `files` besides `vault.kek`. */
export function cardWorkspace(files: Record<string, string | Buffer>): CardWorkspace {
  const t = tempDir({ ...files, 'vault.kek': `${randomBytes(32).toString('hex')}\n` });
  const env = {
    KMIGRATE_KEYRING: join(t.dir, 'keys'),
    KMIGRATE_PGP_PASSPHRASE: randomBytes(12).toString('hex'),
  };
  return {
    dir: t.dir,
    km: (args) => kmigrate(args, { cwd: t.dir, env }),
    vault: ['--vault', 'vault.db', '--kek-file', 'vault.kek'],
    cleanup: t.cleanup,
  };
}
