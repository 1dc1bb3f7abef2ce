/**
 * Text length as people and length limits count it.
 * @module
 */

/**
 * The characters of `text` as a length limit counts them (a name's, a varchar(n) column's): code
 * points, a surrogate pair (𠮷, an emoji) being one. Never more than `text.length`.
 */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) continue;
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      n--;
      i++;
    }
  }
  return n;
}
