/**
 * The fast path's streaming inflate: byte identity, damaged and trailing data, upstream errors
 * passed through unchanged, early stop.
 */
import { randomBytes } from 'node:crypto';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ToolkitError } from '../../../src/core/index.js';
import { inflateChunks } from '../../../src/pgp/inflate-chunks.js';

async function* chunks(b: Buffer, n: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < b.length; i += n) yield b.subarray(i, i + n);
}

async function collect(source: AsyncIterable<Uint8Array>, raw: boolean): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of inflateChunks(source, raw)) out.push(c);
  return Buffer.concat(out);
}

const plain = Buffer.concat([randomBytes(1_500_000), Buffer.alloc(3_000_000, 7)]);
const deflated = deflateRawSync(plain);

describe('inflateChunks', () => {
  it('inflates raw deflate (ZIP) and zlib byte-identically', async () => {
    expect((await collect(chunks(deflated, 8192), true)).equals(plain)).toBe(true);
    expect((await collect(chunks(deflateSync(plain), 100_000), false)).equals(plain)).toBe(true);
  });

  it('damaged data → PGP_TAMPERED', async () => {
    const bad = Buffer.from(deflated);
    bad[3]! ^= 0xff;
    bad[4]! ^= 0xff;
    await expect(collect(chunks(bad, 8192), true)).rejects.toMatchObject({ code: 'PGP_TAMPERED' });
    await expect(collect(chunks(deflated.subarray(0, 200_000), 8192), true)).rejects.toMatchObject({
      code: 'PGP_TAMPERED',
    });
  });

  it('bytes after the end of the deflate stream are read to the end and ignored', async () => {
    let drained = false;
    async function* withTrailer(): AsyncGenerator<Uint8Array> {
      yield* chunks(Buffer.concat([deflated, randomBytes(300_000)]), 8192);
      drained = true;
    }
    const out = await collect(withTrailer(), true);
    expect(out.equals(plain)).toBe(true);
    expect(drained).toBe(true);
  });

  it('an upstream coded error comes out unchanged', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield* chunks(deflated.subarray(0, 100_000), 8192);
      throw new ToolkitError('PGP_TRUNCATED', 'The encrypted file ends early (truncated).');
    }
    await expect(collect(failing(), true)).rejects.toMatchObject({ code: 'PGP_TRUNCATED' });
  });

  it('stopping early does not hang and stops reading', async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const c of chunks(deflated, 8192)) {
        pulled += 1;
        yield c;
      }
    }
    let n = 0;
    for await (const _ of inflateChunks(counted(), true)) if (++n > 1) break;
    expect(pulled).toBeLessThan(Math.ceil(deflated.length / 8192));
  });
});
