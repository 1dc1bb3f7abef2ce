/**
 * The slow path for records that contain quotes: a strict RFC 4180 field splitter (indexOf-based),
 * and Papa Parse as the lenient reader for records the strict splitter rejects.
 * @module
 */
import { createRequire } from 'node:module';

/**
 * Papa Parse, loaded at the first malformed record: most files have none, and loading it as an
 * ES module (its CommonJS exports are parsed for names) costs ~15 ms at startup in every thread.
 */
let papa: typeof import('papaparse') | null = null;
function lenientParser(): typeof import('papaparse') {
  papa ??= createRequire(import.meta.url)('papaparse') as typeof import('papaparse');
  return papa;
}

/** How a quoted record was read. */
export const QuoteState = { ok: 0, needMore: 1, malformed: 2, unclosed: 3 } as const;
/** One of {@link QuoteState}. */
export type QuoteStateValue = (typeof QuoteState)[keyof typeof QuoteState];

/** The result of reading one record that contains quotes. */
export interface QuotedRead {
  state: QuoteStateValue;
  fields: string[];
  /** Index just past the record's terminating "\n" (or the text end). */
  end: number;
}

/** Read one quoted field starting at the opening quote `open`; returns [value, index after close]. */
function readQuoted(text: string, open: number, final: boolean, out: QuotedRead): number {
  let j = open + 1;
  let val = '';
  for (;;) {
    const c = text.indexOf('"', j);
    if (c < 0 || (c + 1 >= text.length && !final)) {
      out.state = final ? QuoteState.unclosed : QuoteState.needMore;
      out.fields.push(val + text.slice(j));
      return text.length;
    }
    if (text.charCodeAt(c + 1) === 34) {
      val += text.slice(j, c + 1);
      j = c + 2;
      continue;
    }
    out.fields.push(val + text.slice(j, c));
    return c + 1;
  }
}

function done(out: QuotedRead, state: QuoteStateValue, end: number): QuotedRead {
  out.state = state;
  out.end = end;
  return out;
}

/**
 * Strictly split the record starting at `pos`. `state` is needMore when the text ends inside the
 * record (and `final` is false), malformed on a stray quote, unclosed at the end of the input.
 */
export function readQuotedRecord(text: string, pos: number, d: string, final: boolean): QuotedRead {
  const out: QuotedRead = { state: QuoteState.ok, fields: [], end: text.length };
  const n = text.length;
  const dc = d.charCodeAt(0);
  let i = pos;
  let nl = -2;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      i = readQuoted(text, i, final, out);
      if (out.state !== QuoteState.ok || i >= n) return out;
      const ch = text.charCodeAt(i);
      if (ch === dc) {
        i++;
        continue;
      }
      if (ch === 10) return done(out, QuoteState.ok, i + 1);
      return done(out, QuoteState.malformed, i);
    }
    if (nl < i) {
      nl = text.indexOf('\n', i);
      if (nl < 0) {
        if (!final) return done(out, QuoteState.needMore, n);
        nl = n;
      }
    }
    let k = text.indexOf(d, i);
    if (k < 0 || k > nl) k = nl;
    const v = text.slice(i, k);
    if (v.indexOf('"') >= 0) return done(out, QuoteState.malformed, i);
    out.fields.push(v);
    if (k === nl) return done(out, QuoteState.ok, Math.min(nl + 1, n));
    i = k + 1;
  }
}

/**
 * Read a record the strict splitter rejected with Papa Parse's lenient rules. The record runs from
 * `pos` to the end of the physical line where the strict reading failed (`failAt`). Returns null
 * when that line end is not in `text` yet and more input may follow.
 */
export function readLenientRecord(
  text: string,
  pos: number,
  failAt: number,
  d: string,
  final: boolean,
): QuotedRead | null {
  let lineEnd = text.indexOf('\n', failAt);
  if (lineEnd < 0) {
    if (!final) return null;
    lineEnd = text.length;
  }
  const parsed = lenientParser().parse<string[]>(text.slice(pos, lineEnd), {
    delimiter: d,
    newline: '\n',
    quoteChar: '"',
  });
  const fields: string[] = [];
  for (const row of parsed.data) {
    if (fields.length > 0 && row.length > 0) fields[fields.length - 1] += `\n${row[0] ?? ''}`;
    fields.push(...(fields.length > 0 ? row.slice(1) : row));
  }
  return { state: QuoteState.malformed, fields, end: Math.min(lineEnd + 1, text.length) };
}
