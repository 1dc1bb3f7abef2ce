/**
 * Streaming line-ending normalisation: CR, LF and CRLF all become "\n", also when a CRLF pair is
 * split across two chunks.
 * @module
 */

/** Turns every CR, LF and CRLF into a single "\n", chunk by chunk. */
export class LineEndingNormalizer {
  #pendingCr = false;

  /** Normalise the next decoded chunk. */
  normalize(chunk: string): string {
    let text = chunk;
    if (this.#pendingCr && text.charCodeAt(0) === 10) text = text.slice(1);
    if (text.length > 0) this.#pendingCr = text.charCodeAt(text.length - 1) === 13;
    if (text.indexOf('\r') < 0) return text;
    return text.replaceAll('\r\n', '\n').replaceAll('\r', '\n');
  }
}

/** Line breaks of a text by kind. */
interface BreakCounts {
  crlf: number;
  cr: number;
  lf: number;
}

/** A character a field can start after: a line break or a candidate delimiter (`,` `;` tab `|`). */
function startsField(c: number): boolean {
  return c === 10 || c === 13 || c === 44 || c === 59 || c === 9 || c === 124;
}

/**
 * Count the line breaks of `text`; with `outsideQuotes`, only those outside quoted fields. A quote
 * opens a quoted field only at a field's start (`5" screen` in an unquoted field opens none); in
 * one, `""` is a quote and a lone `"` closes it.
 */
function countBreaks(text: string, outsideQuotes: boolean): BreakCounts {
  const counts = { crlf: 0, cr: 0, lf: 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 && outsideQuotes) {
      if (quoted) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else quoted = false;
      } else if (i === 0 || startsField(text.charCodeAt(i - 1))) quoted = true;
    } else if (quoted || (c !== 10 && c !== 13)) continue;
    else if (c === 10) counts.lf++;
    else if (text.charCodeAt(i + 1) === 10) {
      counts.crlf++;
      i++;
    } else if (i + 1 < text.length) counts.cr++;
  }
  return counts;
}

/**
 * Which line endings a raw sample uses: those ending records, not those inside quoted fields (a
 * CRLF file from Excel holds bare LFs in multi-line cells). When quotes hide every line break (a
 * stray quote), all of them count.
 */
export function detectLineEnding(text: string): 'LF' | 'CRLF' | 'CR' | 'mixed' | 'none' {
  const outside = countBreaks(text, true);
  const { crlf, cr, lf } = outside.crlf + outside.cr + outside.lf > 0 ? outside : countBreaks(text, false);
  const kinds = (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0) + (lf > 0 ? 1 : 0);
  if (kinds === 0) return text.endsWith('\r') ? 'CR' : 'none';
  if (kinds > 1) return 'mixed';
  return crlf > 0 ? 'CRLF' : cr > 0 ? 'CR' : 'LF';
}
