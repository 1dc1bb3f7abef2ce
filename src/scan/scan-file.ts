/**
 * Scan one file (any bytes: text, CSV, SQLite, binary) for card numbers and, in CSV files,
 * unmasked bank-account columns. Streams in 1 MiB chunks with a per-file time cap.
 * @module
 */
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { maskAccount, maskPan, ToolkitError } from '../core/index.js';
import { isAchHeader, isUnmaskedAccount } from './ach-columns.js';
import { fieldAt, guessDelimiter, splitLine } from './csv-line.js';
import { findPans } from './find-pans.js';
import type { FileScanResult, ScanFinding, ScanOptions } from './scan-finding.js';
import { isTestPan } from './test-pans.js';

const CHUNK = 1 << 20;
const MAX_CARRY = 1 << 20;
const CSV_EXT = new Set(['.csv', '.tsv', '.psv', '.txt', '.partial', '']);
const RUN_CHAR = /[\d -]/;

interface CsvShape {
  readonly delimiter: string;
  readonly header: readonly string[];
  readonly ach: readonly number[];
}

class FileScanner {
  readonly findings: ScanFinding[] = [];
  total = 0;
  #line = 1;
  #csv: CsvShape | null = null;
  #first = true;
  readonly #file: string;
  readonly #options: ScanOptions;
  readonly #maybeCsv: boolean;

  constructor(file: string, options: ScanOptions) {
    this.#file = file;
    this.#options = options;
    this.#maybeCsv = CSV_EXT.has(extname(file).toLowerCase());
  }

  block(text: string): void {
    if (this.#first) this.#readHeader(text);
    this.#first = false;
    this.#pans(text);
    if (this.#csv !== null && this.#csv.ach.length > 0) this.#accounts(text, this.#csv);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.#line++;
  }

  #readHeader(text: string): void {
    if (!this.#maybeCsv) return;
    const end = text.indexOf('\n');
    const header = text.slice(0, end === -1 ? text.length : end).replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
    const delimiter = guessDelimiter(header);
    if (delimiter === null || header.includes('\0')) return;
    const names = splitLine(header, delimiter);
    const ach =
      this.#options.achColumns === false ? [] : names.flatMap((n, i) => (isAchHeader(n) ? [i] : []));
    this.#csv = { delimiter, header: names, ach };
  }

  #pans(text: string): void {
    let line = this.#line;
    let scanned = 0;
    for (const hit of findPans(text)) {
      if (this.#options.allowTestPans === true && isTestPan(hit.digits)) continue;
      for (let i = text.indexOf('\n', scanned); i !== -1 && i < hit.index; i = text.indexOf('\n', i + 1)) {
        line++;
        scanned = i + 1;
      }
      const start = text.lastIndexOf('\n', hit.index - 1) + 1;
      this.#add(
        'SCAN_PAN_FOUND',
        line,
        hit.index - start + 1,
        this.#columnAt(text, start, hit.index),
        maskPan(hit.digits),
      );
    }
  }

  #columnAt(text: string, start: number, at: number): string | null {
    if (this.#csv === null) return null;
    const index = fieldAt(text.slice(start, at), at - start, this.#csv.delimiter);
    return this.#csv.header[index] ?? `column ${index + 1}`;
  }

  #accounts(text: string, csv: CsvShape): void {
    let line = this.#line;
    let start = 0;
    while (start < text.length) {
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : nl;
      if (line > 1) {
        const fields = splitLine(text.slice(start, end), csv.delimiter);
        for (const i of csv.ach) {
          const value = fields[i] ?? '';
          if (isUnmaskedAccount(value))
            this.#add('SCAN_ACH_ACCOUNT_FOUND', line, 1, csv.header[i] ?? null, maskAccount(value));
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

function cutPoint(text: string): number {
  const nl = text.lastIndexOf('\n');
  if (nl !== -1) return nl + 1;
  if (text.length < MAX_CARRY) return 0;
  let cut = text.length - 1;
  while (cut > text.length - 64 && RUN_CHAR.test(text[cut - 1] ?? '')) cut--;
  return cut;
}

/** Scan one file. FILE_NOT_FOUND / FILE_UNREADABLE when it cannot be read. */
export async function scanFile(path: string, options: ScanOptions = {}): Promise<FileScanResult> {
  const scanner = new FileScanner(path, options);
  const deadline = performance.now() + (options.maxSecondsPerFile ?? 10) * 1000;
  let carry = '';
  let bytes = 0;
  let truncated = false;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
      const buffer = chunk as Buffer;
      bytes += buffer.length;
      const text = carry + buffer.toString('latin1');
      const cut = cutPoint(text);
      scanner.block(text.slice(0, cut));
      carry = text.slice(cut);
      if (performance.now() > deadline) {
        truncated = true;
        break;
      }
    }
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ToolkitError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `Cannot read ${path}.`, {
      cause,
      context: { path },
    });
  }
  if (carry !== '') scanner.block(carry);
  return { file: path, bytes, findings: scanner.findings, total: scanner.total, truncated };
}
