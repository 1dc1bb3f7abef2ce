/**
 * Windows-1252 decoding. Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x80 stays
 * U+0080 instead of "€"), so the door maps the 0x80–0x9F range itself.
 * @module
 */

// WHATWG windows-1252 index for bytes 0x80–0x9F; undefined bytes keep their C1 code point.
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const C1 = /[\u0080-\u009F]/g;

function mapC1(ch: string): string {
  return HIGH[ch.charCodeAt(0) - 0x80] ?? ch;
}

/** Decode bytes as Windows-1252 (stateless: every byte is one character). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return C1.test(text) ? text.replace(C1, mapC1) : text;
}
