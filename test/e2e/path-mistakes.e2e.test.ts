/**
 * Ordinary path mistakes (an output that is a folder, a workspace folder that is a file) end with
 * a coded one-line FILE_UNWRITABLE, not INTERNAL.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/pgp/index.js';
import { kmigrate, tempDir } from '../support/cli.js';

const fx = tempDir({ 'a-file': 'x' });
afterAll(fx.cleanup);

async function* bytes(): AsyncGenerator<Uint8Array> {
  yield new Uint8Array([1, 2, 3]);
}

describe('path mistakes', () => {
  it('an atomic write (encrypt, decrypt, handoff -o) to a folder: FILE_UNWRITABLE before any work', async () => {
    const folder = join(fx.dir, 'out-folder');
    mkdirSync(folder);
    await expect(writeAtomically(bytes(), folder)).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
      message: `Cannot write ${folder}: it is a folder.`,
    });
  });

  it('an atomic write over its own input (encrypt/decrypt -o IN): refused, the input kept', async () => {
    const input = join(fx.dir, 'a-file');
    await expect(writeAtomically(bytes(), `${fx.dir}/./a-file`, input)).rejects.toMatchObject({
      code: 'USAGE',
    });
    expect(readFileSync(input, 'utf8')).toBe('x');
  });

  it('init on a path that is a file: FILE_UNWRITABLE', () => {
    const r = kmigrate(['init', join(fx.dir, 'a-file')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^kmigrate: FILE_UNWRITABLE: Cannot create the workspace folder /);
  });
});
