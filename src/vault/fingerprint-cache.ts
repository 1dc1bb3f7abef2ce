/**
 * A bounded fingerprint → token cache: repeated cards skip the database. When full it is cleared
 * (cheap, and memory stays flat whatever the file size).
 * @module
 */

/** Default number of cached fingerprints (~100 bytes each). */
export const DEFAULT_CACHE_SIZE = 50_000;

/** Bounded map from fingerprint (latin1 key) to token. */
export class FingerprintCache {
  readonly #limit: number;
  #map = new Map<string, string>();

  constructor(limit = DEFAULT_CACHE_SIZE) {
    this.#limit = limit;
  }

  get(fingerprint: Buffer): string | undefined {
    return this.#map.get(fingerprint.toString('latin1'));
  }

  set(fingerprint: Buffer, token: string): void {
    if (this.#map.size >= this.#limit) this.#map = new Map();
    this.#map.set(fingerprint.toString('latin1'), token);
  }

  clear(): void {
    this.#map = new Map();
  }
}
