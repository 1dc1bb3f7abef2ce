/**
 * Fast CFB-128 decryption. OpenSSL decrypts CFB one block after another (~3× slower than
 * its pipelined ECB), although CFB decryption is parallel: P[i] = C[i] XOR E(C[i-1]), with
 * C[-1] the IV. So each chunk is decrypted as one ECB encryption of the ciphertext shifted by
 * a block, XORed with the ciphertext.
 * @module
 */
import { type Cipher, createCipheriv } from 'node:crypto';

const BLOCK = 16;

/** XOR `b` into `a` in place (same length, a multiple of 16; `a` 4-byte aligned). */
function xorInto(a: Buffer, b: Uint8Array): void {
  const x = new Int32Array(a.buffer, a.byteOffset, a.length >> 2);
  if (b.byteOffset % 4 === 0) {
    const y = new Int32Array(b.buffer, b.byteOffset, b.length >> 2);
    for (let i = 0; i < x.length; i++) x[i]! ^= y[i]!;
  } else for (let i = 0; i < a.length; i++) a[i]! ^= b[i]!;
}

/** A streaming CFB-128 decipher (any chunk sizes), same output as node's `aes-*-cfb`. */
export class CfbDecipher {
  private readonly ecb: Cipher;
  /** The last ciphertext block (the IV at first), then any incomplete block. */
  private readonly previous = Buffer.alloc(BLOCK);
  private readonly partial = Buffer.alloc(BLOCK);
  private partialLength = 0;
  /** Reused scratch space: ciphertext shifted one block, and an aligned copy of it. */
  private scratch = Buffer.alloc(0);
  private copy = Buffer.alloc(0);

  /** `ecbName` e.g. `aes-256-ecb`. */
  constructor(ecbName: string, key: Uint8Array, iv: Uint8Array) {
    this.ecb = createCipheriv(ecbName, key, null);
    this.ecb.setAutoPadding(false);
    this.previous.set(iv);
  }

  /** Decrypt whole blocks: `data` (length a multiple of 16) follows `previous`. */
  private blocks(data: Uint8Array): Buffer {
    const n = data.length;
    if (this.scratch.length < n) {
      this.scratch = Buffer.allocUnsafe(n);
      this.copy = Buffer.allocUnsafe(n);
    }
    const shifted = this.scratch.subarray(0, n);
    shifted.set(this.previous, 0);
    shifted.set(data.subarray(0, n - BLOCK), BLOCK);
    this.previous.set(data.subarray(n - BLOCK));
    let out = this.ecb.update(shifted);
    if (out.byteOffset % 4 !== 0) out = Buffer.from(out);
    let cipher = data;
    if (data.byteOffset % 4 !== 0) {
      this.copy.set(data, 0);
      cipher = this.copy.subarray(0, n);
    }
    xorInto(out, cipher);
    return out;
  }

  /** Decrypt the whole blocks available (in one or two pieces); a trailing partial block waits. */
  update(chunk: Uint8Array): Buffer[] {
    const parts: Buffer[] = [];
    let at = 0;
    if (this.partialLength > 0) {
      at = Math.min(BLOCK - this.partialLength, chunk.length);
      this.partial.set(chunk.subarray(0, at), this.partialLength);
      this.partialLength += at;
      if (this.partialLength < BLOCK) return parts;
      parts.push(this.blocks(this.partial));
      this.partialLength = 0;
    }
    const whole = at + Math.floor((chunk.length - at) / BLOCK) * BLOCK;
    if (whole > at) parts.push(this.blocks(chunk.subarray(at, whole)));
    this.partial.set(chunk.subarray(whole), 0);
    this.partialLength = chunk.length - whole;
    return parts;
  }

  /** Decrypt the last, partial block. */
  final(): Buffer {
    if (this.partialLength === 0) return Buffer.alloc(0);
    const stream = this.ecb.update(this.previous);
    const out = Buffer.from(this.partial.subarray(0, this.partialLength));
    for (let i = 0; i < out.length; i++) out[i]! ^= stream[i]!;
    this.partialLength = 0;
    return out;
  }
}
