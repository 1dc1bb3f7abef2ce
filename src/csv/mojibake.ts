/**
 * Detects UTF-8 text that was once decoded as Windows-1252 and saved again ("JosÃ©").
 * @module
 */

// "Ã" or "Â" followed by a character a UTF-8 continuation byte becomes in windows-1252, or "â€".
const MOJIBAKE = /[ÃÂ][\u00A0-\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|â€[™œ“”˜¢¦]/;

/** True when `text` holds a typical mojibake sequence. */
export function looksLikeMojibake(text: string): boolean {
  return MOJIBAKE.test(text);
}
