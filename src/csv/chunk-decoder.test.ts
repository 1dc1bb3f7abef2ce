import { describe, expect, it } from 'vitest';
import { ChunkDecoder, mostlyUtf8 } from './chunk-decoder.js';

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

describe('mostlyUtf8', () => {
  const utf8 = (text: string, ...bad: number[]) =>
    Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from(bad)]);
  it('counts UTF-8 letters, not the pairs Windows-1252 forms with an accented capital before a symbol', () => {
    expect(mostlyUtf8(utf8('Zoë Šimić', 0xe9, 0xfc))).toBe(true);
    expect(mostlyUtf8(utf8('Haleʻiwa, ʻEwa Beach', 0xe9))).toBe(true); // ʻokina (U+02BB)
    expect(mostlyUtf8(utf8('Երևան', 0xe9, 0xfc))).toBe(true); // Yerevan: ր (U+0580) and և (U+0587)
    // NESCAFÉ® twice (C9 AE) and CAFÉ + no-break space (C9 A0) beside one é: Windows-1252
    expect(
      mostlyUtf8(b('NESCAF', [0xc9, 0xae], ' NESCAF', [0xc9, 0xae], ' CAF', [0xc9, 0xa0], ' Jos', [0xe9])),
    ).toBe(false);
  });
});
