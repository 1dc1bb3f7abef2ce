/**
 * An in-process `receive` server in a temp folder with an upload-only account (password +
 * key) and a read-write account (key), for the security and contract tests.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  hashPassword,
  type IntakeServer,
  readIntakeConfig,
  startIntakeServer,
} from '../../../src/intake/index.js';
import { keygen } from './sshd-fixture.js';

export const PASSWORD = 'correct horse battery staple';

export interface Intake {
  readonly server: IntakeServer;
  readonly dir: string;
  readonly root: string;
  readonly configFile: string;
  readonly userKey: string;
  readonly auditLog: () => Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function writeIntakeConfig(
  dir: string,
  overrides: Record<string, unknown> = {},
): Promise<{ configFile: string; userKey: string }> {
  const key = keygen(join(dir, 'user_key'));
  const config = {
    listen: { host: '127.0.0.1', port: 0 },
    root: 'intake',
    maxFileSize: 4 * 1024 * 1024,
    lockout: { maxFailures: 5, lockSeconds: 60, failureDelayMs: 5 },
    accounts: [
      {
        name: 'processor',
        mode: 'upload',
        passwordHash: await hashPassword(PASSWORD),
        publicKeys: [key.publicKey],
      },
      { name: 'other', mode: 'upload', passwordHash: await hashPassword('other-secret') },
      { name: 'ops', mode: 'read-write', publicKeys: [key.publicKey] },
    ],
    ...overrides,
  };
  const configFile = join(dir, 'intake.yaml');
  writeFileSync(configFile, stringify(config));
  return { configFile, userKey: join(dir, 'user_key') };
}

export async function startIntake(overrides: Record<string, unknown> = {}): Promise<Intake> {
  const dir = mkdtempSync(join(tmpdir(), 'kmigrate-intake-'));
  let server: Awaited<ReturnType<typeof startIntakeServer>>;
  let configFile: string;
  let userKey: string;
  try {
    ({ configFile, userKey } = await writeIntakeConfig(dir, overrides));
    server = await startIntakeServer(await readIntakeConfig(configFile));
  } catch (error) {
    // a server that never started is never stopped: its folder goes now
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    server,
    dir,
    root: join(dir, 'intake'),
    configFile,
    userKey,
    auditLog: () =>
      readFileSync(join(dir, 'intake-audit.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
