/**
 * Reading and writing API rows through the field tables of api-fields.ts.
 * @module
 */

/** A field table: canonical name → accepted API names (first = the one written). */
export type FieldTable = Readonly<Record<string, readonly string[]>>;

/** A row read through a table: every canonical field as a string ('' when absent). */
export type FieldsOf<T extends FieldTable> = { readonly [K in keyof T]: string };

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Read a raw API object into canonical string fields (IDs and money may come as numbers). */
export function readFields<T extends FieldTable>(raw: unknown, table: T): FieldsOf<T> {
  const obj = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: Record<string, string> = {};
  for (const [name, aliases] of Object.entries(table)) {
    const key = aliases.find((a) => obj[a] !== undefined && obj[a] !== null);
    out[name] = key === undefined ? '' : text(obj[key]);
  }
  return out as FieldsOf<T>;
}

/** Write canonical values under their primary API names (the sandbox's side). */
export function writeFields<T extends FieldTable>(
  values: Partial<Record<keyof T & string, string | number>>,
  table: T,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, aliases] of Object.entries(table)) {
    const v = values[name as keyof T & string];
    if (v !== undefined && aliases[0] !== undefined) out[aliases[0]] = v;
  }
  return out;
}

/** A status in the API's current upper-snake form ("Recycle Billing" → "RECYCLE_BILLING"). */
export function normalizeStatus(value: string): string {
  return value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}
