import { describe, expect, it } from 'vitest';
import { isToolkitError } from '../core/index.js';
import { checkApiUrl, isLoopbackHost } from './api-url-policy.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return isToolkitError(error) ? error.code : 'other';
  }
}

describe('API URL policy', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['[::1]', true],
    ['10.0.0.1', false],
    ['192.168.1.5', false],
    ['api.konnektive.com', false],
    ['127.0.0.1.nip.io', false],
  ])('isLoopbackHost(%s) is %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it.each([
    ['http://127.0.0.1:8787/', false, 'ok'],
    ['https://api.konnektive.com', false, 'API_REMOTE_REFUSED'],
    ['https://api.konnektive.com', true, 'ok'],
    ['http://api.konnektive.com', true, 'API_REMOTE_REFUSED'],
    ['http://u:p@127.0.0.1:1', false, 'USAGE'],
    ['http://127.0.0.1:1/?loginId=x', false, 'USAGE'],
    ['ftp://127.0.0.1', false, 'USAGE'],
    ['not a url', false, 'USAGE'],
  ])('checkApiUrl(%s, allowRemote=%s) → %s', (url, allow, code) => {
    expect(codeOf(() => checkApiUrl(url, allow))).toBe(code);
  });

  it('drops a trailing slash', () => {
    expect(checkApiUrl('http://127.0.0.1:8787/', false)).toBe('http://127.0.0.1:8787');
  });
});
