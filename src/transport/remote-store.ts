/**
 * The `RemoteStore` port: the few file operations push, pull and the intake tests need, with the
 * same semantics over SFTP and a local folder (one contract suite checks every adapter).
 * Paths are `/`-separated and relative to the store's root; `..` never leaves the root.
 * @module
 */

/** What a remote path is. */
export type RemoteEntryKind = 'file' | 'directory' | 'other';

/** One file or folder as the store reports it. */
export interface RemoteEntry {
  readonly name: string;
  readonly kind: RemoteEntryKind;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Where to start reading. */
export interface ReadOptions {
  /** Byte offset to start at (resume); default 0. */
  readonly offset?: number;
  /**
   * Stop before this byte offset (exclusive) instead of at end of file; the range must exist
   * (a shorter file yields fewer bytes). Lets a verifier read back what a write already stored.
   */
  readonly end?: number;
}

/** How to write. */
export interface WriteOptions {
  /**
   * 0 (default): create or truncate. Greater than 0: keep the first `offset` bytes of an existing
   * file and continue there (resume); the file must already hold at least that many bytes.
   */
  readonly offset?: number;
  /**
   * Told, as the write goes, the offset below which every byte has been accepted by the store
   * (for SFTP: acknowledged by the server), so a verifier may read that range back meanwhile.
   */
  readonly onStored?: (end: number) => void;
}

/** A place files are pushed to and pulled from. Errors are `ToolkitError`s with `SFTP_*` codes. */
export interface RemoteStore {
  /** A human description without secrets, e.g. `sftp://ops@127.0.0.1:2222/in`. */
  readonly description: string;
  /** The entry at `path`, or undefined when nothing is there. */
  stat(path: string): Promise<RemoteEntry | undefined>;
  /** The entries of a folder (no `.` or `..`), sorted by name. */
  list(dir: string): Promise<RemoteEntry[]>;
  /** The bytes of a file from `offset` to its end. */
  read(path: string, options?: ReadOptions): AsyncIterable<Uint8Array>;
  /** Write `source` to `path`; resolves to the bytes written by this call. */
  write(path: string, source: AsyncIterable<Uint8Array>, options?: WriteOptions): Promise<number>;
  /** Rename a file, replacing `to` when it exists. */
  rename(from: string, to: string): Promise<void>;
  /** Delete a file. */
  remove(path: string): Promise<void>;
  /** Create a folder (and missing parents); no error when it exists. */
  mkdir(path: string): Promise<void>;
  /**
   * Step down the pipelining ladder (fewer requests in flight, then one at a time) after a
   * transfer failed verification; false when there is no lower step.
   */
  degrade(): boolean;
  /** Release the connection. */
  close(): Promise<void>;
}

/** Join store-relative path parts with `/`. */
export function joinRemote(...parts: readonly string[]): string {
  return parts
    .filter((p) => p !== '' && p !== '.')
    .join('/')
    .replace(/\/{2,}/g, '/');
}

/** The last segment of a `/`-separated path. */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** The folder part of a `/`-separated path ('' for a bare name). */
export function dirName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const at = trimmed.lastIndexOf('/');
  return at < 0 ? '' : trimmed.slice(0, at);
}
