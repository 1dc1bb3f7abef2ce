/**
 * The HTTP port of the client and its fetch adapter. Requests are POSTs with form bodies.
 * @module
 */

/** What the client needs back from one request. */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The transport port: POST an x-www-form-urlencoded body. */
export interface HttpTransport {
  post(url: string, form: string): Promise<HttpResponse>;
}

/** The fetch-based transport (keep-alive by default in Node's fetch). */
export function fetchTransport(timeoutMs = 30_000): HttpTransport {
  return {
    async post(url, form) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        headers[key] = value;
      });
      return { status: res.status, body: await res.text(), headers };
    },
  };
}
