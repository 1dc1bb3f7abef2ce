/**
 * A store that reconnects on demand: retries after a dropped connection get a fresh one.
 * @module
 */
import type { RemoteStore } from './remote-store.js';

/** A lazily (re)opened store. */
export interface RemoteSession {
  /** The open store, connecting when there is none. */
  store(): Promise<RemoteStore>;
  /** Close the current connection (the next `store()` reconnects). */
  drop(): Promise<void>;
}

/** Wrap a store factory. */
export function remoteSession(open: () => Promise<RemoteStore>): RemoteSession {
  let current: Promise<RemoteStore> | undefined;
  return {
    store: () => {
      current ??= open();
      current.catch(() => {
        current = undefined;
      });
      return current;
    },
    drop: async () => {
      const store = await current?.catch(() => undefined);
      current = undefined;
      await store?.close().catch(() => undefined);
    },
  };
}
