/**
 * The response envelope, decoded once: SUCCESS with a message, "no results", or a coded failure.
 * @module
 */
import { ToolkitError } from '../core/index.js';
import { AUTH_ERROR_MESSAGE, ENVELOPE, NO_RESULTS_MESSAGE, RATE_LIMIT_MESSAGE } from './api-fields.js';

/** A decoded envelope. */
export type Envelope =
  | { readonly kind: 'success'; readonly message: unknown }
  | { readonly kind: 'empty'; readonly text: string }
  | { readonly kind: 'rate-limited'; readonly text: string };

function short(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** A non-string ERROR message as text (one nested too deep to print is named, not printed). */
function printed(message: unknown): string {
  try {
    return JSON.stringify(message ?? '');
  } catch {
    return '(a message too deeply nested to print)';
  }
}

/** `text` with every secret (as sent in a form body, too) replaced by `***`. */
function hidden(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets)
    for (const form of new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
    ]))
      if (form !== '') out = out.split(form).join('***');
  return out;
}

/**
 * Decode a response body; throws API_BAD_RESPONSE, API_AUTH_FAILED or API_ERROR. `secrets` (the
 * password) are cut out of the server's text before it goes into a message: a server may echo
 * the request.
 */
export function decodeEnvelope(body: string, endpoint: string, secrets: readonly string[] = []): Envelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw new ToolkitError('API_BAD_RESPONSE', `${endpoint} did not answer with JSON.`, {
      cause,
      context: { endpoint },
    });
  }
  const obj = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  const result = obj[ENVELOPE.result];
  const message = obj[ENVELOPE.message];
  if (result === ENVELOPE.success) return { kind: 'success', message };
  if (result !== ENVELOPE.error)
    throw new ToolkitError('API_BAD_RESPONSE', `${endpoint} answered without a SUCCESS/ERROR result.`, {
      context: { endpoint },
    });
  const text = hidden(typeof message === 'string' ? message : printed(message), secrets);
  if (NO_RESULTS_MESSAGE.test(text)) return { kind: 'empty', text };
  if (RATE_LIMIT_MESSAGE.test(text)) return { kind: 'rate-limited', text };
  if (AUTH_ERROR_MESSAGE.test(text))
    throw new ToolkitError('API_AUTH_FAILED', `The CRM refused the login: ${short(text)}`, {
      context: { endpoint },
    });
  throw new ToolkitError('API_ERROR', `${endpoint}: ${short(text)}`, { context: { endpoint } });
}
