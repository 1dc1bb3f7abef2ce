/**
 * Header keys: headers compared case-, space- and punctuation-insensitively.
 * @module
 */

/** `Customer ID`, `customer_id` and `CUSTOMER-ID` all become `customerid`; a BOM is dropped. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Lower-case word tokens of a header: `Current Period End (UTC)` → current, period, end, utc. */
export function headerTokens(header: string): string[] {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}
