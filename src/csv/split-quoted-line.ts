/**
 * Fast path for a one-line record that contains quotes: `String.split` on the delimiter, then glue
 * back the pieces of quoted fields that held a delimiter (in place). Returns null for anything
 * unusual (a field spanning lines, a stray quote), which the strict splitter then reads.
 * @module
 */

/** True when `s` (from index `from`) ends with an odd run of quotes: a closing quote. */
function endsQuoted(s: string, from: number): boolean {
  let run = 0;
  for (let i = s.length - 1; i >= from && s.charCodeAt(i) === 34; i--) run++;
  return run % 2 === 1;
}

function unquote(s: string): string | null {
  const inner = s.slice(1, -1);
  if (inner.indexOf('"') < 0) return inner;
  return inner.replaceAll('""', '').indexOf('"') < 0 ? inner.replaceAll('""', '"') : null;
}

/**
 * Split one physical line that contains quotes (the first at `firstQuote`), or return null when
 * the strict splitter must decide.
 */
export function splitQuotedLine(line: string, d: string, firstQuote: number): string[] | null {
  const parts = line.split(d);
  const count = parts.length;
  let nextQuote = firstQuote;
  let offset = 0;
  let w = 0;
  for (let i = 0; i < count; i++) {
    let part = parts[i] as string;
    const end = offset + part.length;
    if (nextQuote < 0 || nextQuote >= end) {
      parts[w++] = part;
      offset = end + 1;
      continue;
    }
    if (nextQuote !== offset) return null;
    while (part.length < 2 || !endsQuoted(part, 1)) {
      i++;
      if (i >= count) return null;
      part += d + (parts[i] as string);
    }
    const value = unquote(part);
    if (value === null) return null;
    parts[w++] = value;
    offset += part.length + 1;
    nextQuote = line.indexOf('"', offset);
  }
  parts.length = w;
  return parts;
}
