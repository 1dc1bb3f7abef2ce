/**
 * Scan one file (any bytes: text, CSV, SQLite, binary) for card numbers and, in CSV files,
 * unmasked bank-account columns. Streams in 64 KiB chunks with a per-file time cap.
 * @module
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { extname } from 'node:path';
import { createGunzip } from 'node:zlib';
import { maskAccount, maskCardNumbers, maskPan, ToolkitError } from '../core/index.js';
import { isAchHeader, isUnmaskedAccount } from './ach-columns.js';
import { fieldAt, guessDelimiter, splitLine } from './csv-line.js';
import { findPans } from './find-pans.js';
import type { FileScanResult, ScanFinding, ScanOptions } from './scan-finding.js';
import { isTestPan } from './test-pans.js';

/** 64 KiB blocks: each block's text dies young, and per-block work stays small (4× faster than 1 MiB). */
const CHUNK = 1 << 16;
const MAX_CARRY = 1 << 20;
const CSV_EXT = new Set(['.csv', '.tsv', '.psv', '.txt', '.partial', '']);
const NL = 10;

interface CsvShape {
  readonly delimiter: string;
  readonly header: readonly string[];
  readonly ach: readonly number[];
  /** Indexes of the id columns (ScanOptions.idColumns). */
  readonly ids: ReadonlySet<number>;
}

/** True when a file (or zip entry) of this name may be CSV; `x.csv.gz` is a compressed CSV. */
function isCsvName(name: string): boolean {
  return CSV_EXT.has(extname(name.replace(/\.gz$/i, '')).toLowerCase());
}

class FileScanner {
  readonly findings: ScanFinding[] = [];
  total = 0;
  #line = 1;
  #csv: CsvShape | null = null;
  #first = true;
  /** The file findings name: the scanned file, or `ARCHIVE.zip!ENTRY` inside a zip. */
  #file: string;
  readonly #path: string;
  readonly #options: ScanOptions;
  #maybeCsv: boolean;

  constructor(file: string, options: ScanOptions) {
    this.#file = file;
    this.#path = file;
    this.#options = options;
    this.#maybeCsv = isCsvName(file);
  }

  /** A zip entry starts: its own lines from 1 (findings name it), header row, CSV by its own name. */
  startEntry(name: string): void {
    this.#file = `${this.#path}!${name}`;
    this.#line = 1;
    this.#first = true;
    this.#csv = null;
    this.#maybeCsv = isCsvName(name);
  }

  /** One block of whole lines (or a forced cut inside an overlong line). */
  block(bytes: Buffer): void {
    if (this.#first) this.#readHeader(bytes);
    this.#first = false;
    const text = bytes.toString('latin1');
    this.#pans(text, bytes);
    if (this.#csv !== null && this.#csv.ach.length > 0) this.#accounts(text, this.#csv);
    for (let i = bytes.indexOf(NL); i !== -1; i = bytes.indexOf(NL, i + 1)) this.#line++;
  }

  #readHeader(bytes: Buffer): void {
    if (!this.#maybeCsv) return;
    const end = bytes.indexOf(NL);
    const header = bytes
      .toString('latin1', 0, end === -1 ? bytes.length : end)
      .replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
    const delimiter = guessDelimiter(header);
    if (delimiter === null || header.includes('\0')) return;
    const names = splitLine(header, delimiter);
    const ach =
      this.#options.achColumns === false ? [] : names.flatMap((n, i) => (isAchHeader(n) ? [i] : []));
    // in any case and spacing: a vendor template may spell `customerId` as `CustomerID`
    const idColumns = new Set((this.#options.idColumns ?? []).map((n) => n.trim().toLowerCase()));
    const ids = new Set(names.flatMap((n, i) => (idColumns.has(n.trim().toLowerCase()) ? [i] : [])));
    this.#csv = { delimiter, header: names, ach, ids };
  }

  /** `text` is `bytes` decoded as latin1, so offsets agree. */
  #pans(text: string, bytes: Buffer): void {
    let line = this.#line;
    let scanned = 0;
    const seen = this.#options.seenIds;
    for (const hit of findPans(text)) {
      if (this.#options.allowTestPans === true && isTestPan(hit.digits)) continue;
      if (this.#csv === null && seen?.has(hit.digits) === true) continue;
      for (let i = bytes.indexOf(NL, scanned); i !== -1 && i < hit.index; i = bytes.indexOf(NL, i + 1)) {
        line++;
        scanned = i + 1;
      }
      const start = hit.index === 0 ? 0 : bytes.lastIndexOf(NL, hit.index - 1) + 1;
      const index = this.#indexAt(text.slice(start, hit.index));
      if (line > 1 && index >= 0 && this.#csv?.ids.has(index) === true) {
        seen?.add(hit.digits);
        continue;
      }
      this.#add('SCAN_PAN_FOUND', line, hit.index - start + 1, this.#columnName(index), maskPan(hit.digits));
    }
  }

  /** The CSV field index a line prefix ends in (-1 when the file is not CSV). */
  #indexAt(prefix: string): number {
    return this.#csv === null ? -1 : fieldAt(prefix, prefix.length, this.#csv.delimiter);
  }

  #columnName(index: number): string | null {
    if (this.#csv === null) return null;
    // a header cell holding a card number (no header row) is shown masked like any finding
    return maskCardNumbers(this.#csv.header[index] ?? `column ${index + 1}`);
  }

  #accounts(text: string, csv: CsvShape): void {
    let line = this.#line;
    let start = 0;
    while (start < text.length) {
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : nl;
      if (line > 1) {
        const values = achValues(text, start, text.charCodeAt(end - 1) === 13 ? end - 1 : end, csv);
        for (let k = 0; k < csv.ach.length; k++) {
          const value = values[k] ?? '';
          if (isUnmaskedAccount(value)) {
            const i = csv.ach[k] ?? 0;
            this.#add('SCAN_ACH_ACCOUNT_FOUND', line, 1, csv.header[i] ?? null, maskAccount(value));
          }
        }
      }
      line++;
      start = end + 1;
    }
  }

  #add(
    code: ScanFinding['code'],
    line: number,
    position: number,
    column: string | null,
    masked: string,
  ): void {
    this.total++;
    if (this.findings.length < (this.#options.maxFindingsPerFile ?? 100))
      this.findings.push({ code, file: this.#file, line, position, column, masked });
  }
}

/**
 * The values of the ACH columns (ascending indexes) in the line text[start, end): an unquoted
 * line is walked delimiter to delimiter without splitting it; a quoted one is split properly.
 */
function achValues(text: string, start: number, end: number, csv: CsvShape): string[] {
  const quote = text.indexOf('"', start);
  if (quote !== -1 && quote < end) {
    const fields = splitLine(text.slice(start, end), csv.delimiter);
    return csv.ach.map((i) => fields[i] ?? '');
  }
  const values: string[] = [];
  let field = 0;
  let at = start;
  for (const i of csv.ach) {
    while (field < i) {
      const d = text.indexOf(csv.delimiter, at);
      if (d === -1 || d >= end) return values;
      at = d + 1;
      field++;
    }
    const d = text.indexOf(csv.delimiter, at);
    values.push(text.slice(at, d === -1 || d > end ? end : d));
  }
  return values;
}

function isRunByte(b: number): boolean {
  return (b >= 48 && b <= 57) || b === 32 || b === 45 || b === 46;
}

/** Where to cut a chunk: after its last newline; an overlong line is cut outside a digit run. */
function cutPoint(bytes: Buffer): number {
  const nl = bytes.lastIndexOf(NL);
  if (nl !== -1) return nl + 1;
  if (bytes.length < MAX_CARRY) return 0;
  let cut = bytes.length - 1;
  while (cut > bytes.length - 64 && isRunByte(bytes[cut - 1] ?? 0)) cut--;
  return cut;
}

/** How a file's bytes must be turned into text bytes before the scan (`plain`: as they are). */
type Wrapping = 'plain' | 'gzip' | 'zip' | 'utf-16le' | 'utf-16be';

/**
 * The wrapping of a file from its first bytes: gzip (`1F 8B`), zip (`PK 03 04`: also .xlsx, whose
 * cells are XML inside), UTF-16 with a byte-order mark (what
 * Excel's "Unicode Text" writes), or UTF-16 without one (ASCII text with a zero byte in every other
 * place). Card digits in these are not consecutive bytes: they are read decoded.
 */
function wrappingOf(head: Buffer): Wrapping {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const pairs = Math.floor(head.length / 2);
  if (pairs >= 8 && odd > pairs * 0.8 && even < pairs * 0.1) return 'utf-16le';
  if (pairs >= 8 && even > pairs * 0.8 && odd < pairs * 0.1) return 'utf-16be';
  return 'plain';
}

/** Text as latin1 bytes: figure and thin spaces (which group digits) become spaces, others past U+00FF "?". */
function bytesOf(text: string): Buffer {
  return Buffer.from(text.replace(/[\u2007\u2009\u202f]/g, ' ').replace(/[^\x00-\xff]/g, '?'), 'latin1');
}

/** The first bytes of a decompressed stream looked at to tell UTF-16 text from other bytes. */
const HEAD = 1024;

/**
 * The decompressed bytes of one stream (a gzip file's, one zip entry's) as text bytes: UTF-16
 * (an Excel "Unicode Text" export, compressed) is decoded, told from its first bytes like a file;
 * an archive inside (a .gz in a .zip, a gzip in a gzip) is not read, so FILE_UNREADABLE.
 */
class TextBytes {
  readonly #path: string;
  #head: Buffer[] = [];
  #size = 0;
  /** undefined while the head is gathered; null: the bytes are text as they are. */
  #decoder: InstanceType<typeof TextDecoder> | null | undefined = undefined;

  constructor(path: string) {
    this.#path = path;
  }

  /** The text bytes of `chunk` (none while the head is being gathered). */
  push(chunk: Buffer): Buffer[] {
    if (this.#decoder !== undefined) return [this.#text(chunk)];
    this.#head.push(chunk);
    this.#size += chunk.length;
    return this.#size < HEAD ? [] : this.#decide();
  }

  /** The text bytes still held at the end of the stream. */
  end(): Buffer[] {
    const out = this.#decoder === undefined ? this.#decide() : [];
    if (this.#decoder) out.push(bytesOf(this.#decoder.decode()));
    return out;
  }

  #decide(): Buffer[] {
    const head = Buffer.concat(this.#head);
    this.#head = [];
    const wrapping = wrappingOf(head);
    if (wrapping === 'gzip' || wrapping === 'zip')
      throw new ToolkitError(
        'FILE_UNREADABLE',
        `Cannot read ${this.#path}: it holds a compressed file (${wrapping}) inside, which scan does not open, so the file is not proven clean.`,
        { context: { path: this.#path } },
      );
    this.#decoder = wrapping === 'plain' ? null : new TextDecoder(wrapping);
    return head.length === 0 ? [] : [this.#text(head)];
  }

  #text(chunk: Buffer): Buffer {
    return this.#decoder ? bytesOf(this.#decoder.decode(chunk, { stream: true })) : chunk;
  }
}

/** The start of a zip entry among the text bytes of a zip. */
interface Entry {
  readonly entry: string;
}

/**
 * A wrapped file as text bytes (latin1; characters past U+00FF become "?"), in chunks; a zip's
 * entries each start with an {@link Entry}.
 */
async function* unwrapped(
  path: string,
  wrapping: Exclude<Wrapping, 'plain'>,
): AsyncGenerator<Buffer | Entry> {
  const raw = createReadStream(path, { highWaterMark: CHUNK });
  if (wrapping === 'zip') {
    yield* zipEntries(raw, path);
    return;
  }
  // a gzip's decompressed bytes, or the UTF-16 file itself: told and decoded from their first bytes
  const text = new TextBytes(path);
  const bytes = wrapping === 'gzip' ? raw.pipe(createGunzip({ chunkSize: CHUNK })) : raw;
  for await (const chunk of bytes) yield* text.push(chunk as Buffer);
  yield* text.end();
}

/** Compressed bytes given to the unzipper at a time (see zipEntries). */
const ZIP_SLICE = 4096;

/**
 * The decompressed bytes of every entry of a zip stream, each entry ended by a newline (stored
 * and deflated entries; an entry in another method cannot be read, so the file is not proven
 * clean: FILE_UNREADABLE). Streamed: the scan's time cap bounds a zip bomb.
 */
async function* zipEntries(raw: AsyncIterable<unknown>, path: string): AsyncGenerator<Buffer | Entry> {
  // loaded here: only a zip needs it (every build scans its outputs)
  const { Unzip, UnzipInflate } = await import('fflate');
  const ready: (Buffer | Entry)[] = [];
  let failure: Error | null = null;
  const unreadable = (why: string): ToolkitError =>
    new ToolkitError(
      'FILE_UNREADABLE',
      `Cannot read ${path} (zip): ${why}, so the file is not proven clean.`,
      {
        context: { path },
      },
    );
  let entries = 0;
  let ended = 0;
  const unzip = new Unzip((file) => {
    entries++;
    ready.push({ entry: file.name });
    const text = new TextBytes(path);
    file.ondata = (error, data, final) => {
      try {
        if (error) throw error;
        ready.push(...text.push(Buffer.from(data)));
        if (final) {
          ended++;
          ready.push(...text.end(), Buffer.from('\n'));
        }
      } catch (cause) {
        failure ??= cause as Error;
      }
    };
    if (file.compression === 0 || file.compression === 8) file.start();
    else
      failure ??= unreadable(
        `an entry is compressed with method ${file.compression}, which scan does not read (only stored and deflated entries)`,
      );
  });
  unzip.register(UnzipInflate);
  for await (const chunk of raw) {
    // fed a slice at a time: deflate expands up to ~1,000×, so what one push unpacks (and holds
    // until it is scanned) stays a few MB, where a 64 KiB chunk of a zip bomb made ~64 MB
    const bytes = chunk as Buffer;
    for (let at = 0; at < bytes.length; at += ZIP_SLICE) {
      unzip.push(bytes.subarray(at, at + ZIP_SLICE));
      if (failure !== null) throw failure;
      yield* ready.splice(0);
    }
  }
  unzip.push(new Uint8Array(0), true);
  if (failure !== null) throw failure;
  // a damaged or cut file: an entry never ended, or none could be found at all
  if (entries === 0 || ended < entries) throw unreadable('it is damaged or cut short');
  yield* ready.splice(0);
}

/**
 * Scan the whole lines of `buffer[0, filled)` and move the incomplete rest to the buffer's front;
 * returns its length (the carry the next bytes are appended to).
 */
function scanBlock(scanner: FileScanner, buffer: Buffer, filled: number): number {
  const data = buffer.subarray(0, filled);
  const cut = cutPoint(data);
  scanner.block(data.subarray(0, cut));
  return data.copy(buffer, 0, cut);
}

/** Scan one file. FILE_NOT_FOUND / FILE_UNREADABLE when it cannot be read. */
export async function scanFile(path: string, options: ScanOptions = {}): Promise<FileScanResult> {
  const scanner = new FileScanner(path, options);
  const deadline = performance.now() + (options.maxSecondsPerFile ?? 10) * 1000;
  const wrapping = await wrappingAt(path);
  if (wrapping !== 'plain') return scanUnwrapped(path, wrapping, scanner, deadline);
  // one buffer for the whole file: the carried tail of the last chunk moves to its front and the
  // next read lands after it (nothing allocated per chunk, so memory stays flat on any size)
  const buffer = Buffer.allocUnsafe(MAX_CARRY + CHUNK);
  let carried = 0;
  let bytes = 0;
  let truncated = false;
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    for (;;) {
      const { bytesRead } = await file.read(buffer, carried, CHUNK, null);
      if (bytesRead === 0) break;
      // past the cap with bytes still to read: the rest is not scanned (and the file not proven clean)
      if (bytes > 0 && performance.now() > deadline) {
        truncated = true;
        break;
      }
      bytes += bytesRead;
      carried = scanBlock(scanner, buffer, carried + bytesRead);
    }
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ToolkitError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `Cannot read ${path}.`, {
      cause,
      context: { path },
    });
  } finally {
    await file?.close();
  }
  if (carried > 0) scanner.block(buffer.subarray(0, carried));
  return { file: path, bytes, findings: scanner.findings, total: scanner.total, truncated };
}

/** The wrapping of the file at `path` (see {@link wrappingOf}); a file that cannot be read is plain. */
async function wrappingAt(path: string): Promise<Wrapping> {
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    const head = Buffer.alloc(1024);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return wrappingOf(head.subarray(0, bytesRead));
  } catch {
    return 'plain'; // the plain read reports why it cannot read the file
  } finally {
    await file?.close();
  }
}

/** {@link scanFile} for a gzip or UTF-16 file: the same blocks, from the decoded bytes. */
async function scanUnwrapped(
  path: string,
  wrapping: Exclude<Wrapping, 'plain'>,
  scanner: FileScanner,
  deadline: number,
): Promise<FileScanResult> {
  const buffer = Buffer.allocUnsafe(MAX_CARRY + CHUNK);
  let carried = 0;
  let bytes = 0;
  let truncated = false;
  try {
    outer: for await (const decoded of unwrapped(path, wrapping)) {
      if (!Buffer.isBuffer(decoded)) {
        // each entry ended with a newline: nothing is carried over into the next one
        if (carried > 0) scanner.block(buffer.subarray(0, carried));
        carried = 0;
        scanner.startEntry(decoded.entry);
        continue;
      }
      for (let at = 0; at < decoded.length; at += CHUNK) {
        if (bytes > 0 && performance.now() > deadline) {
          truncated = true;
          break outer;
        }
        const piece = decoded.subarray(at, at + CHUNK);
        piece.copy(buffer, carried);
        bytes += piece.length;
        carried = scanBlock(scanner, buffer, carried + piece.length);
      }
    }
  } catch (cause) {
    if (cause instanceof ToolkitError) throw cause;
    throw new ToolkitError('FILE_UNREADABLE', `Cannot read ${path} (${wrapping}).`, {
      cause,
      context: { path },
    });
  }
  if (carried > 0) scanner.block(buffer.subarray(0, carried));
  return { file: path, bytes, findings: scanner.findings, total: scanner.total, truncated };
}
