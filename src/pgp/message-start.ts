/**
 * Whether the first bytes of a file start an OpenPGP *encrypted* message — armored or binary —
 * checked deeper than `classifyStart`'s first packet tag: the first packet must be a session-key
 * packet (PKESK, SKESK) or encrypted data (SEIPD, AEAD) of a known version, after an optional
 * marker packet. A stored (literal), signed or compressed message, or text that merely starts
 * with an armor line or a plausible packet byte, is not encrypted. The SFTP intake accepts only
 * these. The armor and the packet headers are read by the decrypt path's own readers.
 * @module
 */
import { classifyStart } from './byte-input.js';
import { dearmor } from './dearmor.js';
import { ByteReader, readHeader } from './packet-reader.js';

const PKESK = 1;
const SKESK = 3;
const MARKER = 10;
const SEIPD = 18;
const AEAD = 20;
/** Public-key algorithms a PKESK may name: RSA, Elgamal, ECDH, X25519, X448. */
const PK_ALGORITHMS = new Set([1, 2, 16, 18, 25, 26]);

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** True when the next packet of `r` starts an encrypted message (see the module comment). */
async function encryptedNext(r: ByteReader, afterMarker = false): Promise<boolean> {
  const header = await readHeader(r);
  if (!header) return false;
  const version = await r.byte();
  switch (header.tag) {
    case PKESK:
      if (version !== 3) return version === 6;
      await r.bytes(8); // the key id
      return PK_ALGORITHMS.has(await r.byte());
    case SKESK:
      return version === 4 || version === 5 || version === 6;
    case SEIPD:
      return version === 1 || version === 2;
    case AEAD:
      return version === 1;
    case MARKER: {
      // the marker's body is "PGP" ("P" was read as the version byte)
      const rest = await r.bytes(2);
      const marker = header.length.kind === 'definite' && header.length.size === 3;
      return (
        marker &&
        !afterMarker &&
        version === 0x50 &&
        rest[0] === 0x47 &&
        rest[1] === 0x50 &&
        encryptedNext(r, true)
      );
    }
    default:
      return false;
  }
}

/**
 * True when `head` (the first bytes of a file; give at least a few hundred for armored files)
 * starts an OpenPGP encrypted message.
 */
export async function startsEncryptedMessage(head: Uint8Array): Promise<boolean> {
  try {
    const armored = classifyStart(head) === 'armored';
    return await encryptedNext(new ByteReader(armored ? dearmor(once(head)) : once(head), 'PGP_TRUNCATED'));
  } catch {
    return false; // not OpenPGP, an armor the decoder refuses, or too short to tell
  }
}
