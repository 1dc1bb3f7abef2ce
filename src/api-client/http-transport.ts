/**
 * The HTTP port of the client and its fetch adapter. Requests are POSTs with form bodies.
 * @module
 */
import { ToolkitError } from '../core/index.js';

/** What the client needs back from one request. */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The transport port: POST an x-www-form-urlencoded body; `signal` ends the request early. */
export interface HttpTransport {
  post(url: string, form: string, signal?: AbortSignal): Promise<HttpResponse>;
}

/**
 * The most a response body may hold: a page of 200 orders with their items is a few hundred KB;
 * a server sending more is refused before it fills the memory.
 */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

function tooLarge(url: string): ToolkitError {
  const path = new URL(url).pathname;
  return new ToolkitError(
    'API_BAD_RESPONSE',
    `${path} answered with more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB: not a page of the CRM API.`,
    { context: { endpoint: path } },
  );
}

/** The body as text, read no further than `max` bytes. */
async function cappedText(res: Response, url: string, max: number): Promise<string> {
  if (Number(res.headers.get('content-length')) > max) {
    await res.body?.cancel();
    throw tooLarge(url);
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    if (size > max) {
      await res.body.cancel().catch(() => undefined);
      throw tooLarge(url);
    }
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The fetch-based transport (keep-alive by default in Node's fetch). */
export function fetchTransport(timeoutMs = 30_000, maxBytes = MAX_RESPONSE_BYTES): HttpTransport {
  return {
    async post(url, form, stop) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: stop
          ? AbortSignal.any([AbortSignal.timeout(timeoutMs), stop])
          : AbortSignal.timeout(timeoutMs),
        // a redirect is answered to the caller, not followed (the form body holds the password)
        redirect: 'manual',
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        headers[key] = value;
      });
      return { status: res.status, body: await cappedText(res, url, maxBytes), headers };
    },
  };
}
