/**
 * Just enough CSV for the scanner: pick the delimiter from the header line, split a line with
 * quotes, and tell which field a character position falls in.
 * @module
 */

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The most frequent delimiter in the header line, or null when there is none. */
export function guessDelimiter(header: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = header.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Split one line into fields (quotes respected, doubled quotes unescaped). */
export function splitLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  fields.push(field);
  return fields;
}

/** The 0-based field index of character `position` in `line`. */
export function fieldAt(line: string, position: number, delimiter: string): number {
  let index = 0;
  let quoted = false;
  for (let i = 0; i < position && i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) index++;
  }
  return index;
}
