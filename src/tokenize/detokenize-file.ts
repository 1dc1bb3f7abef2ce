/**
 * `detokenizeRows`: a tokenized CSV in, the same CSV with card numbers back in the token columns
 * out, as text chunks meant only for an OpenPGP encryptor (the caller never writes them in clear).
 * @module
 */
import { ToolkitError } from '../core/index.js';
import { type CsvRecord, type CsvSource, formatCsvRow, openCsv } from '../csv/index.js';
import { TOKEN_PATTERN, type TokenVault } from '../vault/index.js';

/** Options for {@link detokenizeRows}. */
export interface DetokenizeOptions {
  readonly source: CsvSource;
  readonly file: string;
  readonly vault: TokenVault;
  /** Token columns by name (default: every column whose values are all tokens in the first batch). */
  readonly columns?: readonly string[] | undefined;
}

/** Counters, final when the iterator ends. */
export interface DetokenizeStats {
  rows: number;
  cards: number;
  columns: readonly string[];
}

function tokenColumns(
  header: readonly string[],
  names: readonly string[],
  sample: readonly (readonly string[])[],
): number[] {
  if (names.length > 0)
    return names.map((name) => {
      const i = header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
      if (i === -1)
        throw new ToolkitError('TOKENIZE_COLUMN_NOT_FOUND', `The file has no column named "${name}".`);
      return i;
    });
  const found = header.flatMap((_, i) => {
    const values = sample.map((f) => f[i] ?? '').filter((v) => v !== '');
    return values.length > 0 && values.every((v) => TOKEN_PATTERN.test(v)) ? [i] : [];
  });
  if (found.length === 0)
    throw new ToolkitError('TOKENIZE_NO_CARD_COLUMN', 'No token column was given or found.');
  return found;
}

/**
 * Rethrow a batch's VAULT_TOKEN_UNKNOWN / VAULT_TAMPERED naming the row, line and column of the
 * first token that fails (never the token itself), found by trying the tokens one by one.
 */
async function failedCell(
  error: unknown,
  tokens: readonly string[],
  cells: readonly { record: CsvRecord; column: number }[],
  header: readonly string[],
  vault: TokenVault,
): Promise<never> {
  if (!(error instanceof ToolkitError) || !['VAULT_TOKEN_UNKNOWN', 'VAULT_TAMPERED'].includes(error.code))
    throw error;
  for (let k = 0; k < tokens.length; k++) {
    const failed = await vault.detokenize([tokens[k] ?? '']).then(
      () => null,
      (e: unknown) => e,
    );
    const cell = cells[k];
    if (failed instanceof ToolkitError && cell !== undefined) {
      const { record, column } = cell;
      const name = header[column] ?? '';
      throw new ToolkitError(
        failed.code,
        `${failed.message} Row ${record.row} (line ${record.line}), column "${name}".`,
        { cause: failed, context: { row: record.row, line: record.line, column: name } },
      );
    }
  }
  throw error;
}

/** The detokenized CSV as text chunks; `stats` is filled in as it goes. */
export async function* detokenizeRows(
  options: DetokenizeOptions,
  stats: DetokenizeStats,
): AsyncGenerator<Uint8Array> {
  const reader = await openCsv(options.source, { file: options.file });
  let columns: number[] | null = null;
  yield Buffer.from(`${formatCsvRow(reader.header)}\n`);
  for await (const batch of reader.batches()) {
    columns ??= tokenColumns(
      reader.header,
      options.columns ?? [],
      batch.map((r) => r.fields),
    );
    stats.columns = columns.map((i) => reader.header[i] ?? '');
    const tokens: string[] = [];
    const cells: { record: CsvRecord; column: number }[] = [];
    for (const r of batch)
      for (const i of columns)
        if ((r.fields[i] ?? '') !== '') {
          tokens.push(r.fields[i] ?? '');
          cells.push({ record: r, column: i });
        }
    const pans = await options.vault
      .detokenize(tokens)
      .catch((error: unknown) => failedCell(error, tokens, cells, reader.header, options.vault));
    let p = 0;
    let text = '';
    for (const r of batch) {
      const fields = [...r.fields];
      for (const i of columns) if ((fields[i] ?? '') !== '') fields[i] = pans[p++] ?? '';
      text += `${formatCsvRow(fields)}\n`;
    }
    stats.rows += batch.length;
    stats.cards += tokens.length;
    yield Buffer.from(text);
  }
}
