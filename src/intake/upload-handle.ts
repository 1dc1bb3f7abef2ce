/**
 * One upload in progress: bytes go to a private temporary file outside every account folder and
 * are published (renamed to the requested name) only when the client closes the handle and every
 * check passed: size limit, OpenPGP packet header (or, the one plaintext exception, a strict
 * `NAME.sha256` checksum sidecar). A refused upload is deleted at once.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { rename, unlink } from 'node:fs/promises';
import { startsEncryptedMessage } from '../pgp/index.js';
import { isChecksumSidecar, SIDECAR_MAX_BYTES, sidecarSubject } from './checksum-sidecar.js';

/** Limits an upload is held to. */
export interface UploadLimits {
  readonly maxFileSize: number;
  readonly requireEncryption: boolean;
}

/** Why an upload was refused. */
export type UploadRefusal = 'oversize' | 'plaintext' | 'write-failed' | 'aborted';

/** The outcome of closing an upload (`sidecar`: a plaintext checksum sidecar was accepted). */
export type UploadOutcome =
  | { readonly ok: true; readonly size: number; readonly sha256: string; readonly sidecar: boolean }
  | { readonly ok: false; readonly reason: UploadRefusal };

/** Bytes read to tell an encrypted message (an armored one's headers and first packets fit). */
const HEAD = 1024;
/** A first write this long is judged at once (a short armored start is judged at close). */
const FIRST_WRITE = 64;
const ARMOR = Buffer.from('-----BEGIN PGP MESSAGE-----');

/** True when the first write cannot be judged yet: an armored start shorter than {@link HEAD}. */
function undecided(first: Buffer): boolean {
  return first.length < HEAD && first.subarray(0, ARMOR.length).equals(ARMOR);
}

/** An upload bound to a temporary file. */
export class UploadHandle {
  readonly kind = 'upload';
  #refused: UploadRefusal | undefined;
  #pending = new Set<Promise<unknown>>();
  #ended: Promise<void> | undefined;
  /** A plaintext start was let through only because this may be a checksum sidecar. */
  #plainStart = false;

  constructor(
    private readonly file: FileHandle,
    private readonly temp: string,
    readonly target: string,
    readonly virtual: string,
    private readonly limits: UploadLimits,
  ) {}

  /** The refusal, if any. */
  get refused(): UploadRefusal | undefined {
    return this.#refused;
  }

  /** Write `data` at `offset`; resolves to a refusal reason when this write ends the upload. */
  async write(offset: number, data: Buffer): Promise<UploadRefusal | undefined> {
    if (this.#refused) return this.#refused;
    const end = offset + data.length;
    if (end > this.limits.maxFileSize) return this.refuse('oversize');
    if (
      offset === 0 &&
      data.length >= FIRST_WRITE &&
      this.limits.requireEncryption &&
      !undecided(data) &&
      !(await startsEncryptedMessage(data))
    ) {
      if (sidecarSubject(this.target) === undefined || end > SIDECAR_MAX_BYTES)
        return this.refuse('plaintext');
      this.#plainStart = true;
    }
    if (this.#plainStart && end > SIDECAR_MAX_BYTES) return this.refuse('plaintext');
    const written = this.file.write(data, 0, data.length, offset);
    this.#pending.add(written);
    try {
      await written;
      return undefined;
    } catch {
      return this.refuse('write-failed');
    } finally {
      this.#pending.delete(written);
    }
  }

  /** Refuse the upload: the temporary file is closed and deleted now. */
  async refuse(reason: UploadRefusal): Promise<UploadRefusal> {
    this.#refused ??= reason;
    await this.#discard();
    return this.#refused;
  }

  /** The client closed the handle: check everything, then publish. */
  async finish(): Promise<UploadOutcome> {
    await Promise.allSettled(this.#pending);
    if (this.#refused) return { ok: false, reason: this.#refused };
    const { size } = await this.file.stat();
    const head = Buffer.alloc(Math.min(HEAD, size));
    await this.file.read(head, 0, head.length, 0);
    if (size > this.limits.maxFileSize) return { ok: false, reason: await this.refuse('oversize') };
    const sidecar = this.limits.requireEncryption && !(await startsEncryptedMessage(head));
    if (sidecar && !(await this.#isSidecar(size)))
      return { ok: false, reason: await this.refuse('plaintext') };
    await this.file.sync();
    await this.#close();
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(this.temp, { highWaterMark: 1 << 20 })) hash.update(chunk);
    await rename(this.temp, this.target);
    return { ok: true, size, sha256: hash.digest('hex'), sidecar };
  }

  async #isSidecar(size: number): Promise<boolean> {
    if (size > SIDECAR_MAX_BYTES) return false;
    const content = Buffer.alloc(size);
    const { bytesRead } = await this.file.read(content, 0, size, 0);
    return bytesRead === size && isChecksumSidecar(this.target, content);
  }

  async #close(): Promise<void> {
    this.#ended ??= this.file.close().catch(() => undefined);
    await this.#ended;
  }

  async #discard(): Promise<void> {
    await Promise.allSettled(this.#pending);
    await this.#close();
    await unlink(this.temp).catch(() => undefined);
  }
}
