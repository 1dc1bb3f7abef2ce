/**
 * Fast path for a one-line record that contains quotes: `String.split` on the delimiter, then glue
 * back the pieces of quoted fields that held a delimiter. Returns null for anything unusual
 * (a field spanning lines, a stray quote), which the strict splitter then reads.
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
  const unescaped = inner.replaceAll('""', '"');
  return inner.replaceAll('""', '').indexOf('"') < 0 ? unescaped : null;
}

/** Split one physical line that contains quotes, or return null when the strict splitter must decide. */
export function splitQuotedLine(line: string, d: string): string[] | null {
  const parts = line.split(d);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i] as string;
    if (part.charCodeAt(0) !== 34) {
      if (part.indexOf('"') >= 0) return null;
      out.push(part);
      continue;
    }
    while (part.length < 2 || !endsQuoted(part, 1)) {
      i++;
      if (i >= parts.length) return null;
      part += d + (parts[i] as string);
    }
    const value = unquote(part);
    if (value === null) return null;
    out.push(value);
  }
  return out;
}
