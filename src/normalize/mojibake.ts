/**
 * Mojibake: UTF-8 text that was once decoded as Windows-1252 and saved again ("JosÃ©" for
 * "José", "donâ€™t" for "don’t") — detected, and repaired by reading the characters back as the
 * Windows-1252 bytes they came from and decoding those as UTF-8.
 * @module
 */
import { type NormalizeProblem, warn } from './result.js';

// "Ã" or "Â" followed by a character a UTF-8 continuation byte becomes in windows-1252, or "â€".
const MOJIBAKE = /[ÃÂ][\u00A0-\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|â€[™œ“”˜¢¦]/;

/** True when `text` holds a typical mojibake sequence. */
export function looksLikeMojibake(text: string): boolean {
  return MOJIBAKE.test(text);
}

/** The Windows-1252 byte of each character it maps outside Latin-1 (0x80–0x9F). */
const CP1252_BYTE: ReadonlyMap<number, number> = new Map(
  [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'].map((c, i) => [c.charCodeAt(0), 0x80 + i]),
);

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** At most this many rounds: text read wrongly twice ("JosÃƒÂ©") takes two. */
const ROUNDS = 3;

/**
 * `text` repaired, or null when it holds no mojibake or cannot be repaired exactly: every
 * character must be one Windows-1252 writes, and the bytes must be valid UTF-8 (so text that only
 * looks similar — "Â©" standing alone in a name of other scripts — is left as it is).
 */
export function repairMojibake(text: string): string | null {
  let current = text;
  for (let round = 0; round < ROUNDS && MOJIBAKE.test(current); round++) {
    const bytes = new Uint8Array(current.length);
    for (let i = 0; i < current.length; i++) {
      const c = current.charCodeAt(i);
      const b = c <= 0xff ? c : CP1252_BYTE.get(c);
      if (b === undefined) return round === 0 ? null : current;
      bytes[i] = b;
    }
    try {
      current = STRICT_UTF8.decode(bytes);
    } catch {
      return round === 0 ? null : current;
    }
  }
  return current === text ? null : current;
}

/** The warning of a repaired value (no value in it: names are personal data). */
export const MOJIBAKE_REPAIRED: NormalizeProblem = warn(
  'TEXT_MOJIBAKE_REPAIRED',
  'The text was UTF-8 once read as Windows-1252 ("Ã©" for "é"); it was repaired.',
);
