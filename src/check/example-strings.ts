/**
 * The customer and product IDs of the forecast's risky subscription runs, kept until the end of
 * the file so that the examples shown can be chosen after every run is merged (forecast-merge.ts).
 * Past 1 MiB they go to a temp file (mode 0600, removed at the end or on interrupt) and are read
 * back by offset: memory stays flat however many runs are risky. Only these two legacy IDs are
 * kept; never card data.
 * @module
 */
import { readSync } from 'node:fs';
import { writeAll } from './cross-row-scan.js';
import { TempFiles } from './temp-files.js';

const BUFFER_BYTES = 1 << 20;

/** An append-only store of (customer, product) pairs, addressed by byte offset. One use. */
export class ExampleStrings {
  readonly #tempRoot: string;
  #buf: Buffer | null = null;
  #used = 0;
  /** Bytes already in the file (the buffer holds the ones after). */
  #written = 0;
  #files: TempFiles | null = null;

  constructor(tempRoot: string) {
    this.#tempRoot = tempRoot;
  }

  /** Keep a pair; returns its offset. */
  put(customerId: string, productId: string): number {
    const text = Buffer.from(JSON.stringify([customerId, productId]), 'utf8');
    const offset = this.#written + this.#used;
    const head = Buffer.alloc(4);
    head.writeUInt32LE(text.length, 0);
    if (this.#used + 4 + text.length > BUFFER_BYTES) {
      this.#flush();
      if (4 + text.length > BUFFER_BYTES) {
        // a pair larger than the buffer goes straight to the file
        this.#append(head);
        this.#append(text);
        return offset;
      }
    }
    const buf = this.#buffer();
    head.copy(buf, this.#used);
    text.copy(buf, this.#used + 4);
    this.#used += 4 + text.length;
    return offset;
  }

  /** The pair kept at `offset`. */
  get(offset: number): [string, string] {
    const head = this.#read(offset, 4);
    const text = this.#read(offset + 4, head.readUInt32LE(0));
    return JSON.parse(text.toString('utf8')) as [string, string];
  }

  /** Remove the temp file (idempotent). */
  dispose(): void {
    this.#files?.dispose();
    this.#files = null;
    this.#buf = null;
  }

  #buffer(): Buffer {
    this.#buf ??= Buffer.alloc(BUFFER_BYTES);
    return this.#buf;
  }

  #read(offset: number, length: number): Buffer {
    if (offset >= this.#written) {
      const from = offset - this.#written;
      return this.#buffer().subarray(from, from + length);
    }
    const out = Buffer.alloc(length);
    for (let at = 0; at < length; ) {
      const got = readSync((this.#files as TempFiles).fds[0]!, out, at, length - at, offset + at);
      if (got === 0) break;
      at += got;
    }
    return out;
  }

  #flush(): void {
    if (this.#used === 0) return;
    this.#append(this.#buffer().subarray(0, this.#used));
    this.#used = 0;
  }

  #append(bytes: Uint8Array): void {
    if (this.#files === null) {
      this.#files = new TempFiles(this.#tempRoot, 'kmigrate-examples-');
      this.#files.open('examples.bin');
    }
    writeAll(this.#files.fds[0]!, bytes);
    this.#written += bytes.length;
  }
}
