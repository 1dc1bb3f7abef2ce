import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../test/support/temp-dirs.js';
import { setCrossRowTempRoot } from './cross-row-index.js';
import { RunKeys } from './run-keys.js';

afterAll(removeTempDirs);

/** Add `ids` (one customer run each) and ask whether one repeats. */
function repeats(ids: readonly string[], memoryKeys?: number): boolean {
  const keys = new RunKeys(memoryKeys);
  const text = ids.join('|');
  let at = 0;
  for (const id of ids) {
    keys.add(text, at, at + id.length);
    at += id.length + 1;
  }
  return keys.anyRepeat();
}

describe('RunKeys', () => {
  const distinct = Array.from({ length: 20_000 }, (_, i) => `CUST-${i}`);

  it('tells a customer with two runs from distinct ones, in the array', () => {
    expect(repeats(distinct)).toBe(false);
    expect(repeats([...distinct, 'CUST-17'])).toBe(true);
    expect(repeats(['A', 'B', 'A'])).toBe(true);
    expect(repeats([])).toBe(false);
  });

  it('moves to a spilling index past its memory and still tells them apart', () => {
    setCrossRowTempRoot(tempDir('kmigrate-runkeys-'));
    expect(repeats(distinct, 1000)).toBe(false);
    // the repeat's first run is in the array part, the second after the move
    expect(repeats([...distinct.slice(0, 5000), 'CUST-3'], 1000)).toBe(true);
    expect(repeats([...distinct.slice(0, 5000), 'CUST-4999'], 1000)).toBe(true);
  });
});
