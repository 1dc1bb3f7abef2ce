/**
 * Ordinary path mistakes (an output that is a folder, a workspace folder that is a file) end with
 * a coded one-line FILE_UNWRITABLE, not INTERNAL.
 */
import { execFileSync } from 'node:child_process';
import { linkSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('an atomic write to a device or pipe (-o /dev/null, a FIFO): FILE_UNWRITABLE, the pipe left alone', async () => {
    const fifo = join(fx.dir, 'a-fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(writeAtomically(bytes(), fifo)).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
      message: `Cannot write ${fifo}: it is not a regular file (a device, pipe or socket); write to a file.`,
    });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('an atomic write to a symbolic link replaces the file it points to, not the link (-o /dev/stdout)', async () => {
    const target = join(fx.dir, 'link-target');
    writeFileSync(target, 'old');
    const link = join(fx.dir, 'link-out');
    symlinkSync(target, link);
    await writeAtomically(bytes(), link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    // a link that leads nowhere is not replaced either
    const dangling = join(fx.dir, 'dangling');
    symlinkSync(join(fx.dir, 'no-such-dir', 'x'), dangling);
    await expect(writeAtomically(bytes(), dangling)).rejects.toMatchObject({ code: 'FILE_UNWRITABLE' });
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    // stdout sent to a file: /dev/stdout stays the link it is, the output lands in the file
    const stdout = execFileSync(
      'bash',
      [
        '-c',
        `node --input-type=module -e "import { writeAtomically } from '${join(process.cwd(), 'dist/pgp/index.js')}'; await writeAtomically((async function* () { yield new Uint8Array([52, 50]); })(), '/dev/stdout');" > ${join(fx.dir, 'stdout-file')}; test -L /dev/stdout && echo link`,
      ],
      { encoding: 'utf8' },
    );
    expect(stdout.trim()).toBe('link');
    expect(readFileSync(join(fx.dir, 'stdout-file'), 'utf8')).toBe('42');
  });

  it('an atomic write over its own input (encrypt/decrypt -o IN), by any path: refused, the input kept', async () => {
    const input = join(fx.dir, 'a-file');
    symlinkSync(input, join(fx.dir, 'soft-link'));
    linkSync(input, join(fx.dir, 'hard-link'));
    for (const out of [`${fx.dir}/./a-file`, join(fx.dir, 'soft-link'), join(fx.dir, 'hard-link')])
      await expect(writeAtomically(bytes(), out, input)).rejects.toMatchObject({ code: 'USAGE' });
    expect(readFileSync(input, 'utf8')).toBe('x');
  });

  it('init on a path that is a file: FILE_UNWRITABLE', () => {
    const r = kmigrate(['init', join(fx.dir, 'a-file')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^kmigrate: FILE_UNWRITABLE: Cannot create the workspace folder /);
  });
});

describe('argument mistakes', () => {
  it('a missing command or subcommand is a usage error (exit 2); asked-for help is not', () => {
    for (const args of [[], ['keys'], ['vault']]) expect([args, kmigrate(args).code]).toEqual([args, 2]);
    for (const args of [['--help'], ['help', 'check'], ['keys', '--help']])
      expect([args, kmigrate(args).code]).toEqual([args, 0]);
  });

  it('an empty sample cannot be verified: nothing would be proven (SAMPLE_EMPTY, before any request)', () => {
    const t = tempDir({ 'empty.csv': 'customerId,orderId\n' });
    const r = kmigrate(
      ['verify', join(t.dir, 'empty.csv'), '--api', 'http://127.0.0.1:9', '-o', join(t.dir, 'v')],
      {
        env: { KMIGRATE_API_LOGIN_ID: 'u', KMIGRATE_API_PASSWORD: 'p' },
      },
    );
    t.cleanup();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kmigrate: SAMPLE_EMPTY: /);
  });

  it('out-of-range numbers and unknown codes are usage errors, not internal ones', () => {
    const cases: [string[], RegExp][] = [
      [
        ['sample', 'x.csv', '--size', '2', '-o', 'o', '--imminent-days', 'abc'],
        /^kmigrate: USAGE: .*whole number/,
      ],
      [
        ['sample', 'x.csv', '--size', '2', '-o', 'o', '--imminent-days', '99999999999'],
        /^kmigrate: USAGE: .*0 to 3650/,
      ],
      [['check', 'x.csv', '--imminent-days', '-5'], /^kmigrate: USAGE: /],
      [['sandbox', '--port', '70000'], /^kmigrate: USAGE: .*0 to 65535/],
      [
        ['sample', 'x.csv', '--size', '2', '-o', 'o', '--home-country', 'XX'],
        /^kmigrate: USAGE: .*country code/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = kmigrate(args);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.stderr).toMatch(message);
    }
  });
});
