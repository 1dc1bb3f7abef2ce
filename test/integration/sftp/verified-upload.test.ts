/**
 * Verification that overlaps the upload (read-back of acknowledged ranges while writing) must
 * still catch a remote copy that differs from what was sent, or is short, over real OpenSSH and
 * over a local folder; and must fall back to a read after the write when the copy cannot be read
 * while open (as with `receive`, which stages uploads out of sight). A download's re-read must
 * catch a difference between the two reads.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadFile,
  fileSource,
  openLocalDirStore,
  openSftpStore,
  type RemoteStore,
  uploadFile,
} from '../../../src/transport/index.js';
import { payload } from '../../contracts/remote-store.contract.js';
import { removeTempDirs, tempDir } from '../../support/temp-dirs.js';
import { type Sshd, startSshd } from './sshd-fixture.js';

afterAll(removeTempDirs);

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => sshd?.stop());

const SIZE = 20 * 1024 * 1024 + 123; // several read-back rounds
const data = payload(SIZE, 8);
const sha = createHash('sha256').update(data).digest('hex');

async function* mangle(source: AsyncIterable<Uint8Array>, how: 'flip' | 'drop-tail') {
  let at = 0;
  for await (const chunk of source) {
    const copy = Buffer.from(chunk);
    const hit = 12 * 1024 * 1024 - at;
    if (how === 'flip' && hit >= 0 && hit < copy.length) copy[hit] = (copy[hit] ?? 0) ^ 0x01;
    at += copy.length;
    if (how === 'drop-tail' && at >= SIZE) yield copy.subarray(0, copy.length - 1);
    else yield copy;
  }
}

/** A store whose writes land damaged (after the client hashed them), recording reads. */
function damaging(inner: RemoteStore, how?: 'flip' | 'drop-tail', readsWhileOpen?: 'fail') {
  let writing = false;
  const during: number[] = [];
  const store: RemoteStore = {
    ...inner,
    async write(path, source, options) {
      writing = true;
      try {
        return await inner.write(path, how ? mangle(source, how) : source, options);
      } finally {
        writing = false;
      }
    },
    async *read(path, options) {
      if (writing) {
        during.push(options?.end ?? -1);
        if (readsWhileOpen === 'fail') throw new Error('no such file');
      }
      yield* inner.read(path, options);
    },
  };
  return { store, during };
}

const stores: Array<[string, () => Promise<RemoteStore>]> = [
  ['local folder', () => openLocalDirStore(tempDir('kmigrate-verify-'))],
  [
    'OpenSSH sshd',
    async () => {
      const s = await openSftpStore({
        host: '127.0.0.1',
        port: sshd.port,
        user: 'root',
        root: `${sshd.dir}/verify-${Math.random().toString(36).slice(2)}`,
        credentials: { privateKey: readFileSync(sshd.userKey) },
        pins: { fingerprints: [sshd.hostFingerprint], knownHosts: [] },
      });
      await s.mkdir('');
      return s;
    },
  ],
];

describe.each(stores)('verified upload, read back while writing: %s', (_name, open) => {
  const file = join(tempDir('kmigrate-src-'), 'big.bin');
  writeFileSync(file, data);

  it('reads acknowledged ranges back during the write and passes an intact copy', async () => {
    const inner = await open();
    const { store, during } = damaging(inner);
    const r = await uploadFile(store, await fileSource(file), 'big.bin');
    expect(r).toMatchObject({ bytes: SIZE, sha256: sha, verified: 'sha256-reread' });
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((end) => end > 0 && end <= SIZE)).toBe(true);
    expect((await inner.stat('big.bin'))?.size).toBe(SIZE);
    await inner.close();
  });

  it.each([
    ['one flipped byte in the stored copy', 'flip', 'bad.bin'],
    ['a stored copy one byte short', 'drop-tail', 'short.bin'],
  ] as const)('catches %s, and never publishes it', async (_what, damage, name) => {
    const inner = await open();
    const { store } = damaging(inner, damage);
    await expect(uploadFile(store, await fileSource(file), name)).rejects.toMatchObject({
      code: 'SFTP_VERIFY_FAILED',
    });
    expect(await inner.stat(name)).toBeUndefined();
    await inner.close();
  });

  it('falls back to re-reading after the write when the copy cannot be read while open', async () => {
    const inner = await open();
    const { store, during } = damaging(inner, undefined, 'fail');
    const r = await uploadFile(store, await fileSource(file), 'late.bin');
    expect(r).toMatchObject({ bytes: SIZE, sha256: sha });
    expect(during.length).toBeGreaterThan(0);
    const bad = damaging(inner, 'flip', 'fail');
    await expect(uploadFile(bad.store, await fileSource(file), 'late2.bin')).rejects.toMatchObject({
      code: 'SFTP_VERIFY_FAILED',
    });
    await inner.close();
  });
});

describe('verified download, re-read', () => {
  it('catches a download that differs from the re-read, and keeps no local copy', async () => {
    const root = tempDir('kmigrate-dl-');
    const inner = await openLocalDirStore(join(root, 'remote'));
    await inner.write(
      'x.bin',
      (async function* () {
        yield payload(3_000_000, 9);
      })(),
    );
    let reads = 0;
    const store: RemoteStore = {
      ...inner,
      async *read(path, options) {
        const first = path === 'x.bin' && reads++ === 0;
        for await (const chunk of inner.read(path, options)) {
          const copy = Buffer.from(chunk);
          if (first) copy[0] = (copy[0] ?? 0) ^ 0x80;
          yield copy;
        }
      },
    };
    await expect(downloadFile(store, 'x.bin', join(root, 'x.bin'))).rejects.toMatchObject({
      code: 'SFTP_VERIFY_FAILED',
    });
    expect(reads).toBe(2);
    expect(readdirSync(root).sort()).toEqual(['remote']);
    const ok = await downloadFile(inner, 'x.bin', join(root, 'x.bin'));
    expect(ok).toMatchObject({ bytes: 3_000_000, verified: 'sha256-reread' });
  });
});
