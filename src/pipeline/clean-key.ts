/**
 * How joins, order groups, refund references and duplicate customers read a key cell.
 * @module
 */

/**
 * A key cell as joins (and duplicate customers) compare it: trimmed, without the leading apostrophe a spreadsheet keeps as a
 * text marker (`'00123` joins `00123`); the literal `null` some exports write is blank.
 */
export function cleanKey(raw: string | undefined): string {
  let v = (raw ?? '').trim();
  if (v.charCodeAt(0) === 39) v = v.slice(1).trim();
  return v.length === 4 && v.toLowerCase() === 'null' ? '' : v;
}
