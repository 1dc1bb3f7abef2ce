/**
 * The one contract every `RemoteStore` adapter must pass (local folder, OpenSSH sshd, `receive`).
 * Payloads start with an OpenPGP packet header so the intake policy accepts them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadFile,
  fileSource,
  partName,
  type RemoteStore,
  uploadFile,
} from '../../src/transport/index.js';

export function payload(size: number, seed = 1): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed * 7 + (i >> 9)) & 0xff;
  // an old-format v3 PKESK packet header for RSA: looks encrypted to the intake policy
  if (size > 12) {
    b[0] = 0x85;
    b[3] = 3;
    b[12] = 1;
  }
  return b;
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of source) parts.push(c);
  return Buffer.concat(parts);
}

async function* once(b: Buffer): AsyncGenerator<Uint8Array> {
  yield b;
}

export function describeRemoteStore(name: string, open: () => Promise<RemoteStore>): void {
  describe(`RemoteStore contract: ${name}`, () => {
    let store: RemoteStore;
    let local: string;
    beforeAll(async () => {
      store = await open();
      local = mkdtempSync(join(tmpdir(), 'kmigrate-contract-'));
    });
    afterAll(async () => {
      await store.close();
      rmSync(local, { recursive: true, force: true });
    });

    it('writes, stats and reads back a file byte for byte (multi-MB, pipelined)', async () => {
      const data = payload(3 * 1024 * 1024 + 17);
      expect(await store.write('a.bin', once(data))).toBe(data.length);
      expect(await store.stat('a.bin')).toMatchObject({ name: 'a.bin', kind: 'file', size: data.length });
      expect((await collect(store.read('a.bin'))).equals(data)).toBe(true);
      expect((await collect(store.read('a.bin', { offset: 1000 }))).equals(data.subarray(1000))).toBe(true);
    });

    it('continues a write at an offset (resume) and renames over an existing file', async () => {
      const data = payload(200_000, 2);
      await store.write('r.bin', once(data.subarray(0, 70_000)));
      await store.write('r.bin', once(data.subarray(70_000)), { offset: 70_000 });
      await store.write('r2.bin', once(payload(100, 3)));
      await store.rename('r.bin', 'r2.bin');
      expect(await store.stat('r.bin')).toBeUndefined();
      expect((await collect(store.read('r2.bin'))).equals(data)).toBe(true);
    });

    it('reports a missing file as undefined (stat) and SFTP_NOT_FOUND (read)', async () => {
      expect(await store.stat('nope.bin')).toBeUndefined();
      await expect(collect(store.read('nope.bin'))).rejects.toMatchObject({ code: 'SFTP_NOT_FOUND' });
    });

    it('refuses paths that climb out of the root, or hold a backslash, itself (not "by the server")', async () => {
      for (const path of ['../../etc/passwd', 'back\\slash.gpg'])
        await expect(store.stat(path)).rejects.toMatchObject({
          code: 'SFTP_PERMISSION_DENIED',
          message: `${path}: refused before asking the server (a path may not climb above the folder of the URL, nor hold a backslash or NUL).`,
        });
    });

    it('uploadFile: temp name, SHA-256 verified by re-read, renamed; resumes a partial upload', async () => {
      const data = payload(1_500_000, 4);
      const file = join(local, 'up.bin');
      writeFileSync(file, data);
      await store.write(partName('up.bin'), once(data.subarray(0, 400_000)));
      const result = await uploadFile(store, await fileSource(file), 'up.bin');
      expect(result).toMatchObject({ bytes: data.length, resumedFrom: 400_000, verified: 'sha256-reread' });
      expect(await store.stat(partName('up.bin'))).toBeUndefined();
      expect((await collect(store.read('up.bin'))).equals(data)).toBe(true);
    });

    it('downloadFile: verified, and resumes a partial local copy', async () => {
      const data = payload(900_000, 5);
      await store.write('down.bin', once(data));
      const target = join(local, 'down.bin');
      writeFileSync(join(local, '.down.bin.kmigrate-part'), data.subarray(0, 123_456));
      const result = await downloadFile(store, 'down.bin', target);
      expect(result).toMatchObject({ bytes: data.length, resumedFrom: 123_456 });
      expect(readFileSync(target).equals(data)).toBe(true);
    });
  });
}
