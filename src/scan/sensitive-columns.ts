/**
 * Header names of columns whose values are secret whatever they look like: card security codes
 * (tokenize drops them; profile never shows them) and passwords, API keys and other secrets
 * (profile never shows them). One list for every command.
 * @module
 */

/** Normalise a header name: lower case, camelCase split, non-alphanumerics to "_". */
export function headerNameKey(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Whole keys that name a card security code. */
const CVC_KEY =
  /^(?:card_?)?(?:cvc|cvv|cvv2|cvc2|cid|csc|cvn|cav2|security_?code|verification_?(?:code|value)|card_?code)(?:_?(?:code|number|value))?$/;
/** Words that name one anywhere in a key (Authorize.net x_card_code, Elavon ssl_cvv2cvc2, CV2…). */
const CVC_WORD = /(?:^|_)(?:cvv2?|cvc2?|cv2|ccv|cvd|cvv2cvc2|card_code)(?:_|$)/;
/** Words that name a secret. */
const SECRET_WORD =
  /(?:^|_)(?:password|passwd|pwd|passphrase|pass_phrase|secret|api_?key|apikey|private_?key|access_?token|auth_?token|client_secret)(?:_|$)/;

/** True when a header names a card security code (CVC, CVV, CVV2, CID, card code…). */
export function isCvcHeader(name: string): boolean {
  const key = headerNameKey(name);
  return CVC_KEY.test(key) || CVC_WORD.test(key);
}

/** True when a header names a password, API key, private key or another secret. */
export function isSecretHeader(name: string): boolean {
  return SECRET_WORD.test(headerNameKey(name));
}
