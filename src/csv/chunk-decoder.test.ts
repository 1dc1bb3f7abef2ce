import { describe, expect, it } from 'vitest';
import { ChunkDecoder } from './chunk-decoder.js';

const b = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('ChunkDecoder fallback to Windows-1252', () => {
  it('falls back when a chunk ends on what would start a UTF-8 character, keeping that byte', () => {
    const d = new ChunkDecoder('utf-8', false, true);
    // 0xE9 at a chunk end is carried (it could start a 3-byte character), then proves invalid
    const text = d.decode(b('abc', [0xe9])) + d.decode(b([0xe9], 'z', [0xfc])) + d.end();
    expect(text).toBe('abcéézü');
    expect(d).toMatchObject({ fellBack: true, invalidBytes: false, encoding: 'windows-1252' });
  });

  it('keeps the bytes carried at the end of the chunk that fell back', () => {
    const d = new ChunkDecoder('utf-8', false, true);
    const text = d.decode(b('a', [0xfc], 'b', [0xe9])) + d.decode(b('c')) + d.end();
    expect(text).toBe('aübéc');
    expect(d.fellBack).toBe(true);
  });

  it('does not fall back after valid UTF-8, nor without fallback, nor after a BOM', () => {
    for (const [d, first] of [
      [new ChunkDecoder('utf-8', false, true), b([0xc3, 0xa9])],
      [new ChunkDecoder('utf-8', false, false), b('a')],
      [new ChunkDecoder('utf-8', true, true), b([0xef, 0xbb, 0xbf], 'a')],
    ] as const) {
      const text = d.decode(first) + d.decode(b('x', [0xe9], 'y')) + d.end();
      expect(text.endsWith('x\uFFFDy')).toBe(true);
      expect(d).toMatchObject({ fellBack: false, invalidBytes: true, encoding: 'utf-8' });
    }
  });
});
