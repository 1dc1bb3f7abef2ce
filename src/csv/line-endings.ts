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

/** Which line endings a raw sample uses. */
export function detectLineEnding(text: string): 'LF' | 'CRLF' | 'CR' | 'mixed' | 'none' {
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === 10) crlf++;
    else if (i + 1 < text.length) cr++;
  }
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lf++;
  lf -= crlf;
  const kinds = (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0) + (lf > 0 ? 1 : 0);
  if (kinds === 0) return text.endsWith('\r') ? 'CR' : 'none';
  if (kinds > 1) return 'mixed';
  return crlf > 0 ? 'CRLF' : cr > 0 ? 'CR' : 'LF';
}
