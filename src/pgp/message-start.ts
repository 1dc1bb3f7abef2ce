/**
 * Whether the first bytes of a file start an OpenPGP *encrypted* message — armored or binary —
 * checked deeper than the first packet tag: the first packet must be a session-key packet
 * (PKESK, SKESK) or encrypted data (SEIPD, AEAD) of a known version, after an optional marker
 * packet. A stored (literal), signed or compressed message, or text that merely starts with an
 * armor line or a plausible packet byte, is not encrypted. The SFTP intake accepts only these.
 * @module
 */

const ARMOR_BEGIN = '-----BEGIN PGP MESSAGE-----';
const PKESK = 1;
const SKESK = 3;
const MARKER = 10;
const SEIPD = 18;
const AEAD = 20;
/** Public-key algorithms a PKESK may name: RSA, Elgamal, ECDH, X25519, X448. */
const PK_ALGORITHMS = new Set([1, 2, 16, 18, 25, 26]);

/** A packet header: its tag and where its body starts, or null when it is not one. */
function packetAt(bytes: Uint8Array, at: number): { tag: number; body: number; length: number } | null {
  const first = bytes[at];
  if (first === undefined || (first & 0x80) === 0) return null;
  if ((first & 0x40) !== 0) {
    const tag = first & 0x3f;
    const l0 = bytes[at + 1];
    if (l0 === undefined) return null;
    if (l0 < 192) return { tag, body: at + 2, length: l0 };
    if (l0 < 224) return { tag, body: at + 3, length: ((l0 - 192) << 8) + (bytes[at + 2] ?? 0) + 192 };
    if (l0 === 255) {
      const n =
        ((bytes[at + 2] ?? 0) << 24) |
        ((bytes[at + 3] ?? 0) << 16) |
        ((bytes[at + 4] ?? 0) << 8) |
        (bytes[at + 5] ?? 0);
      return { tag, body: at + 6, length: n >>> 0 };
    }
    return { tag, body: at + 2, length: 1 << (l0 & 0x1f) }; // partial length (encrypted data)
  }
  const tag = (first >> 2) & 0x0f;
  const type = first & 0x03;
  const size = type === 0 ? 1 : type === 1 ? 2 : type === 2 ? 4 : 0;
  let length = 0;
  for (let k = 0; k < size; k++) length = length * 256 + (bytes[at + 1 + k] ?? 0);
  return { tag, body: at + 1 + size, length };
}

/** True when the packet at `at` starts an encrypted message (see the module comment). */
function encryptedPacket(bytes: Uint8Array, at: number, depth = 0): boolean {
  const p = packetAt(bytes, at);
  if (p === null) return false;
  const version = bytes[p.body];
  switch (p.tag) {
    case PKESK:
      if (version === 3) return PK_ALGORITHMS.has(bytes[p.body + 9] ?? -1);
      return version === 6;
    case SKESK:
      return version === 4 || version === 5 || version === 6;
    case SEIPD:
      return version === 1 || version === 2;
    case AEAD:
      return version === 1;
    case MARKER:
      return (
        depth === 0 &&
        p.length === 3 &&
        bytes[p.body] === 0x50 &&
        bytes[p.body + 1] === 0x47 &&
        bytes[p.body + 2] === 0x50 &&
        encryptedPacket(bytes, p.body + 3, 1)
      );
    default:
      return false;
  }
}

/** The first bytes of an armored message's body (after its header lines), or null. */
function armoredBody(text: string): Uint8Array | null {
  const begin = text.indexOf(ARMOR_BEGIN);
  if (begin < 0 || text.slice(0, begin).trim() !== '') return null;
  const lines = text.slice(begin + ARMOR_BEGIN.length).split(/\r?\n/);
  // the BEGIN line's rest, then header lines ("Key: value") up to a blank line
  let i = 1;
  while (i < lines.length && (lines[i] ?? '').trim() !== '') {
    if (!(lines[i] ?? '').includes(':')) return null;
    i++;
  }
  const data: string[] = [];
  // the data lines end at the checksum ("=…") or END line
  for (const line of lines.slice(i + 1)) {
    if (line.startsWith('=') || line.startsWith('-')) break;
    data.push(line);
  }
  const base64 = data.join('').replace(/\s/g, '');
  const usable = base64.slice(0, base64.length - (base64.length % 4));
  if (usable.length < 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(usable)) return null;
  return Buffer.from(usable, 'base64');
}

/**
 * True when `head` (the first bytes of a file; give at least a few hundred for armored files)
 * starts an OpenPGP encrypted message.
 */
export function startsEncryptedMessage(head: Uint8Array): boolean {
  const first = head[0];
  if (first !== undefined && (first & 0x80) !== 0) return encryptedPacket(head, 0);
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  const body = armoredBody(text);
  return body !== null && encryptedPacket(body, 0);
}
