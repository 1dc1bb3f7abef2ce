/**
 * The fast path's armor decoder: regular and irregular line layouts, CRLF, headers, chunk
 * boundaries anywhere, and the failure cases.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dearmor } from '../../../src/pgp/dearmor.js';
import { FastPathDeclined } from '../../../src/pgp/fast-path-declined.js';

const data = randomBytes(200_001);

function armor(widths: (i: number) => number, eol: string, headers = 'Comment: test\n'): string {
  const b64 = data.toString('base64');
  const lines: string[] = [];
  for (let at = 0, i = 0; at < b64.length; i++) {
    const width = widths(i);
    lines.push(b64.slice(at, at + width));
    at += width;
  }
  return `-----BEGIN PGP MESSAGE-----${eol}${headers.replaceAll('\n', eol)}${eol}${lines.join(eol)}${eol}=AbCd${eol}-----END PGP MESSAGE-----${eol}`;
}

async function decode(text: string, chunk: number): Promise<Buffer> {
  const bytes = Buffer.from(text, 'latin1');
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const out: Uint8Array[] = [];
  for await (const piece of dearmor(chunks())) out.push(piece);
  return Buffer.concat(out);
}

describe('dearmor', () => {
  it.each([
    ['64-column lines, LF', () => 64, '\n'],
    ['76-column lines, CRLF', () => 76, '\r\n'],
    ['irregular line lengths', (i: number) => 10 + ((i * 7) % 61), '\n'],
  ])('decodes %s at any chunk size', async (_name, widths, eol) => {
    const text = armor(widths, eol);
    for (const chunk of [1 << 20, 4096, 333, 7]) expect((await decode(text, chunk)).equals(data)).toBe(true);
  });

  it('a missing END line → PGP_TRUNCATED', async () => {
    const text = armor(() => 64, '\n');
    await expect(decode(text.slice(0, text.indexOf('-----END')), 4096)).rejects.toMatchObject({
      code: 'PGP_TRUNCATED',
    });
    await expect(decode(text.slice(0, text.length >> 1), 4096)).rejects.toMatchObject({
      code: 'PGP_TRUNCATED',
    });
  });

  it('armor without the blank line after the headers is declined (OpenPGP.js decides)', async () => {
    const text = armor(() => 64, '\n').replace('Comment: test\n\n', 'Comment: test\n');
    await expect(decode(text, 4096)).rejects.toBeInstanceOf(FastPathDeclined);
  });
});
