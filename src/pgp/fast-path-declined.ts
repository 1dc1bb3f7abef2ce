/**
 * The decrypt fast path's "not mine" signal, and the input recorder that lets the OpenPGP.js
 * path start over from the first byte when the fast path declines.
 * @module
 */

/** Thrown by the fast path, before any plaintext is released, for messages it does not handle. */
export class FastPathDeclined extends Error {
  constructor(reason: string) {
    super(`fast path declined: ${reason}`);
    this.name = 'FastPathDeclined';
  }
}

/** Chunks kept for a replay: more than this and the fast path must commit or fail. */
const MAX_RECORDED = 64 * 1024 * 1024;

/**
 * Wraps an input so that everything read is recorded until `commit()`. `replay()` then yields
 * the recorded chunks followed by the rest of the input, for the fallback path. Closing the
 * wrapper's iterator never closes the input: call `close()`.
 */
export class ReplayableInput implements AsyncIterable<Uint8Array> {
  private recorded: Uint8Array[] | null = [];
  private size = 0;
  private readonly it: AsyncIterator<Uint8Array>;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** Stop recording: the fast path has released plaintext and cannot decline any more. */
  commit(): void {
    this.recorded = null;
  }

  /** True while a replay is still possible. */
  get replayable(): boolean {
    return this.recorded !== null;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for (;;) {
      const next = await this.it.next();
      if (next.done) return;
      if (this.recorded !== null) {
        this.recorded.push(next.value);
        this.size += next.value.length;
        if (this.size > MAX_RECORDED) this.recorded = null;
      }
      yield next.value;
    }
  }

  /** The recorded chunks, then the rest of the input. */
  async *replay(): AsyncGenerator<Uint8Array> {
    const recorded = this.recorded ?? [];
    this.recorded = null;
    yield* recorded;
    for (;;) {
      const next = await this.it.next();
      if (next.done) return;
      yield next.value;
    }
  }

  /** Release the input (closes a file stream read only in part). */
  async close(): Promise<void> {
    await this.it.return?.();
  }
}
