import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { removeTempDirs, tempDir } from '../../test/support/temp-dirs.js';
import { sshUtils } from '../transport/index.js';
import { generateHostKey, loadOrCreateHostKey } from './host-key-file.js';
import { validateIntakeConfig } from './intake-config.js';
import { startIntakeServer } from './intake-server.js';
import { LoginGuard } from './lockout.js';
import { hashPassword, verifyPassword } from './password-hash.js';

describe('password hashes', () => {
  it('are salted scrypt hashes that verify only the right password', async () => {
    const a = await hashPassword('s3cret pass');
    const b = await hashPassword('s3cret pass');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
    expect(await verifyPassword('s3cret pass', a)).toBe(true);
    expect(await verifyPassword('s3cret pasS', a)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});

describe('LoginGuard', () => {
  it('backs off, locks after maxFailures, doubles the next lock', () => {
    let now = 0;
    const g = new LoginGuard({ maxFailures: 3, lockSeconds: 10, failureDelayMs: 100 }, () => now);
    expect(g.fail('a', 'ip').delayMs).toBe(100);
    expect(g.fail('a', 'ip').delayMs).toBe(200);
    expect(g.fail('a', 'ip').locked).toBe(true);
    expect(g.lockedFor('a', 'ip')).toBe(10);
    expect(g.lockedFor('a', 'other-ip')).toBe(0);
    now = 11_000;
    expect(g.lockedFor('a', 'ip')).toBe(0);
    for (let i = 0; i < 3; i++) g.fail('a', 'ip');
    expect(g.lockedFor('a', 'ip')).toBe(20);
  });
});

describe('intake.yaml validation', () => {
  it('refuses a plain password, a bad key, an account with no credentials', () => {
    expect(() =>
      validateIntakeConfig(
        {
          accounts: [
            { name: 'a', passwordHash: 'hunter2' },
            { name: 'b', publicKeys: ['ssh-ed25519 AAAAnotakey'] },
            { name: 'c' },
          ],
        },
        '/tmp',
      ),
    ).toThrow(expect.objectContaining({ code: 'INTAKE_CONFIG_INVALID' }));
  });
  it('resolves defaults and paths against the config folder', () => {
    const c = validateIntakeConfig(
      { accounts: [{ name: 'a', passwordHash: `scrypt$1024$8$1$AAAA$BBBB` }] },
      '/srv/x',
    );
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 2222,
      root: '/srv/x/intake',
      requireEncryption: true,
    });
    expect(c.accounts.get('a')?.mode).toBe('upload');
  });
});

afterAll(removeTempDirs);

describe('loadOrCreateHostKey', () => {
  it('refuses a public key or a non-key as the host key (INTAKE_CONFIG_INVALID, not INTERNAL)', async () => {
    const dir = tempDir('kmigrate-hostkey-');
    const pair = sshUtils.generateKeyPairSync('ed25519');
    writeFileSync(join(dir, 'host.pub'), pair.public);
    writeFileSync(join(dir, 'junk'), 'not a key\n');
    for (const name of ['host.pub', 'junk'])
      await expect(loadOrCreateHostKey(join(dir, name))).rejects.toMatchObject({
        code: 'INTAKE_CONFIG_INVALID',
        message: `${join(dir, name)} is not an unencrypted OpenSSH private key.`,
      });
  });
});

/** A public key ssh2 parses back (its generator makes an unreadable one about 1 in 256 times). */
function readablePublicKey(): string {
  for (;;) {
    const key = sshUtils.generateKeyPairSync('ed25519').public;
    if (!(sshUtils.parseKey(key) instanceof Error)) return key;
  }
}

describe('startIntakeServer', () => {
  it('an audit log that cannot be opened stops it before listening (INTAKE_CONFIG_INVALID, no crash)', async () => {
    const dir = tempDir('kmigrate-audit-');
    writeFileSync(join(dir, 'a-file'), 'x');
    const config = validateIntakeConfig(
      {
        listen: { port: 0 },
        auditLog: 'a-file/audit.jsonl',
        accounts: [{ name: 'a', publicKeys: [readablePublicKey()] }],
      },
      dir,
    );
    await expect(startIntakeServer(config)).rejects.toMatchObject({
      code: 'INTAKE_CONFIG_INVALID',
      message: `Cannot open the audit log ${join(dir, 'a-file', 'audit.jsonl')} for appending.`,
    });
  });
});

describe.skipIf(!existsSync('/dev/full'))('startIntakeServer on a full disk', () => {
  it('an audit log whose writes fail reports FILE_UNWRITABLE through `failed` instead of crashing', async () => {
    const dir = tempDir('kmigrate-audit-');
    const config = validateIntakeConfig(
      {
        listen: { port: 0 },
        auditLog: '/dev/full', // opens, every write fails with ENOSPC
        accounts: [{ name: 'a', publicKeys: [readablePublicKey()] }],
      },
      dir,
    );
    const server = await startIntakeServer(config);
    await expect(server.failed).resolves.toMatchObject({
      code: 'FILE_UNWRITABLE',
      message: 'Cannot write the audit log /dev/full.',
    });
    await server.close();
  });
});

describe('generateHostKey', () => {
  afterEach(() => vi.restoreAllMocks());

  it('draws again when ssh2 generates a key its own parser refuses (about 1 in 256)', () => {
    const real = sshUtils.generateKeyPairSync.bind(sshUtils);
    const good = real('ed25519');
    const spy = vi
      .spyOn(sshUtils, 'generateKeyPairSync')
      // a key ssh2 cannot read back (as its generator makes one when the public key starts with 0x00)
      .mockReturnValueOnce({
        private: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
        public: 'ssh-ed25519 AAAA',
      })
      .mockReturnValueOnce(good);
    expect(generateHostKey()).toBe(good.private);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('makes keys that parse, private and public, every time', () => {
    for (let i = 0; i < 600; i++) {
      const parsed = sshUtils.parseKey(generateHostKey());
      expect(parsed instanceof Error || Array.isArray(parsed)).toBe(false);
      if (!(parsed instanceof Error) && !Array.isArray(parsed))
        expect(sshUtils.parseKey(parsed.getPublicSSH()) instanceof Error).toBe(false);
    }
  });
});
