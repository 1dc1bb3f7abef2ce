/**
 * OpenPGP.js computes the iterated-and-salted S2K (RFC 4880 §3.7.1.3) by allocating the whole
 * `count`-byte input at once: GnuPG's calibrated counts (~65 MB) for a primary key and a subkey
 * unlocked together cost ~130 MB of RSS. This computes the same hash incrementally with
 * node:crypto in a few KB, installed on the key's own S2K objects before unlocking.
 * @module
 */
import { createHash } from 'node:crypto';
import type { Key } from 'openpgp';

/** OpenPGP hash algorithm IDs (RFC 9580 §9.5) → node:crypto names. */
const HASHES: Readonly<Record<number, string>> = {
  1: 'md5',
  2: 'sha1',
  3: 'ripemd160',
  8: 'sha256',
  9: 'sha384',
  10: 'sha512',
  11: 'sha224',
  12: 'sha3-256',
  14: 'sha3-512',
};

interface IteratedS2k {
  type: string;
  algorithm: number;
  salt: Uint8Array;
  getCount(): number;
  produceKey: (passphrase: string, numBytes: number) => Promise<Uint8Array>;
}

function isIteratedS2k(value: unknown): value is IteratedS2k {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<IteratedS2k>;
  return (
    s.type === 'iterated' &&
    typeof s.algorithm === 'number' &&
    s.salt instanceof Uint8Array &&
    typeof s.getCount === 'function'
  );
}

/** The iterated S2K output, in constant memory. */
export function iteratedS2k(
  hash: string,
  salt: Uint8Array,
  passphrase: string,
  count: number,
  numBytes: number,
): Uint8Array {
  const data = Buffer.concat([salt, Buffer.from(passphrase, 'utf8')]);
  const total = Math.max(count, data.length);
  const repeats = Math.max(1, Math.floor(65_536 / data.length));
  const block = Buffer.concat(Array.from({ length: repeats }, () => data));
  const out: Buffer[] = [];
  let produced = 0;
  for (let prefix = 0; produced < numBytes; prefix++) {
    const h = createHash(hash);
    h.update(Buffer.alloc(prefix));
    let left = total;
    while (left >= block.length) {
      h.update(block);
      left -= block.length;
    }
    h.update(block.subarray(0, left));
    const digest = h.digest();
    out.push(digest);
    produced += digest.length;
  }
  return new Uint8Array(Buffer.concat(out).subarray(0, numBytes));
}

/** Replace OpenPGP.js's iterated S2K on `key`'s packets with {@link iteratedS2k}. */
export function installStreamingS2k(key: Key): void {
  for (const part of key.getKeys()) {
    const s2k: unknown = (part.keyPacket as unknown as { s2k?: unknown }).s2k;
    if (!isIteratedS2k(s2k)) continue;
    const hash = HASHES[s2k.algorithm];
    if (hash === undefined) continue;
    const { salt } = s2k;
    const count = s2k.getCount();
    s2k.produceKey = async (passphrase, numBytes) => iteratedS2k(hash, salt, passphrase, count, numBytes);
  }
}
