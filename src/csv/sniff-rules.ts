/**
 * Pure rules of the sniffer: which delimiter gives the most consistent field counts, and which
 * record is the header.
 * @module
 */
import type { CsvDelimiter } from './read-options.js';

/** A record from the sample. */
export interface SampleRecord {
  readonly fields: readonly string[];
  readonly line: number;
}

/** The sample read with one candidate delimiter. */
export interface DelimiterSample {
  readonly delimiter: CsvDelimiter;
  readonly records: readonly SampleRecord[];
}

/** The most frequent field count (ties go to the larger count). */
export function modalCount(records: readonly SampleRecord[]): { count: number; share: number } {
  const freq = new Map<number, number>();
  for (const r of records) freq.set(r.fields.length, (freq.get(r.fields.length) ?? 0) + 1);
  let count = 0;
  let best = 0;
  for (const [c, f] of freq) {
    if (f > best || (f === best && c > count)) {
      count = c;
      best = f;
    }
  }
  return { count, share: records.length === 0 ? 0 : best / records.length };
}

function looksLikeHeader(record: SampleRecord, count: number): boolean {
  if (record.fields.length !== count) return false;
  const filled = record.fields.filter((f) => f.trim() !== '').length;
  return count === 1 ? filled === 1 : filled * 2 > count;
}

/**
 * How many fields at the end of every record of `count` fields are empty: with a trailing
 * delimiter on each data row (Authorize.net's downloads), the header is that many fields shorter.
 */
function emptyTail(records: readonly SampleRecord[], count: number): number {
  let tail = count;
  for (const r of records) {
    if (r.fields.length !== count) continue;
    let t = 0;
    while (t < tail && r.fields[count - 1 - t] === '') t++;
    tail = t;
    if (tail === 0) break;
  }
  return tail === count ? 0 : tail;
}

function headerIndex(records: readonly SampleRecord[], count: number): number {
  const tail = emptyTail(records, count);
  const index = records.findIndex(
    (r) =>
      looksLikeHeader(r, count) ||
      (r.fields.length < count && r.fields.length >= count - tail && looksLikeHeader(r, r.fields.length)),
  );
  return index >= 0 ? index : records.findIndex((r) => r.fields.length === count);
}

interface Scored<S extends DelimiterSample = DelimiterSample> {
  readonly sample: S;
  readonly count: number;
  readonly share: number;
  readonly header: number;
  readonly order: number;
}

function compare(a: Scored, b: Scored): number {
  const multi = Number(b.count > 1) - Number(a.count > 1);
  if (multi !== 0) return multi;
  if (Math.abs(a.share - b.share) > 1e-9) return b.share - a.share;
  if (a.header !== b.header) return a.header - b.header;
  if (a.count !== b.count) return b.count - a.count;
  return a.order - b.order;
}

/** Choose the delimiter whose field counts are the most consistent. */
export function chooseDelimiter<S extends DelimiterSample>(samples: readonly S[]): S {
  const scored: Scored<S>[] = samples.map((sample, order) => {
    const { count, share } = modalCount(sample.records);
    return { sample, count, share, header: headerIndex(sample.records, count), order };
  });
  scored.sort(compare);
  const best = scored[0];
  if (best === undefined) throw new Error('chooseDelimiter needs at least one candidate');
  return (headerFirst(best, scored) ?? best).sample;
}

/**
 * A delimiter that reads the first line as a header of its usual width, when the best one skips
 * that line as metadata. A `;` file with decimal commas and a few ragged rows splits more
 * consistently by `,` (one comma per amount) — the header, having no comma, then looks like a
 * metadata line. A real metadata line is narrow under every delimiter.
 */
function headerFirst<S extends DelimiterSample>(
  best: Scored<S>,
  scored: readonly Scored<S>[],
): Scored<S> | undefined {
  const first = best.sample.records[0];
  const skippedTo = best.sample.records[best.header];
  if (best.header <= 0 || first === undefined || skippedTo === undefined) return undefined;
  return scored.find((s) => {
    const header = s.sample.records[s.header];
    // the line the best delimiter took as the header splits as wide by the other (a data row of
    // it): one narrower by the other is the best delimiter's own names row, after a metadata line
    const taken = s.sample.records.find((r) => r.line === skippedTo.line);
    return (
      s !== best &&
      taken !== undefined &&
      taken.fields.length >= best.count &&
      s.header === 0 &&
      s.count >= 3 &&
      s.count > best.count &&
      s.share >= 0.5 &&
      header !== undefined &&
      header.line === first.line &&
      isNamesRow(header)
    );
  });
}

/**
 * The header record: on `headerLine` when given, else the first record with the modal field count
 * — or fewer, by the empty fields that end every such record (a trailing delimiter) — whose cells
 * are mostly filled (leading metadata rows are skipped).
 */
export function findHeader(
  records: readonly SampleRecord[],
  headerLine: number | 'auto',
): SampleRecord | null {
  if (headerLine !== 'auto') return records.find((r) => r.line === headerLine) ?? null;
  const { count } = modalCount(records);
  const modal = records[headerIndex(records, count)];
  if (modal === undefined || isNamesRow(modal)) return modal ?? null;
  // The modal count's first filled record holds data (numbers): in a short sample, ragged data
  // rows can outnumber the rows that match the header. The first row of names wins then.
  return (
    records.find((r) => r.fields.length > 1 && looksLikeHeader(r, r.fields.length) && isNamesRow(r)) ?? modal
  );
}

const NUMBER = /^[-+$]?\d[\d.,]*$/;

/** True when a record reads as column names: none repeats, none is a number. */
function isNamesRow(record: SampleRecord): boolean {
  const names = new Set<string>();
  for (const f of record.fields) {
    const name = f.trim();
    if (name !== '' && (NUMBER.test(name) || names.has(name))) return false;
    names.add(name);
  }
  return true;
}
