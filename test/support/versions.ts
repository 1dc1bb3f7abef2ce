/**
 * Cell versions of a stream of rows, as the build's transform reports them (see CellVersions):
 * a cell is marked changed when it differs from the row before, or when `also` names it (a
 * producer may over-report). `listed(serial)` says whether that row carries the list of changed
 * cells (default: always).
 */
import type { CellVersions } from '../../src/check/index.js';

export function versionsOf(
  width: number,
  listed: (serial: number) => boolean = () => true,
): (fields: readonly string[], also?: readonly number[]) => CellVersions {
  const changedAt = new Float64Array(width);
  const changed = new Int32Array(width);
  let previous: readonly string[] = [];
  let serial = 0;
  return (fields, also = []) => {
    serial++;
    let count = 0;
    fields.forEach((f, i) => {
      if (f !== previous[i] || also.includes(i)) {
        changedAt[i] = serial;
        changed[count++] = i;
      }
    });
    previous = fields;
    return listed(serial) ? { changedAt, serial, changed, changedCount: count } : { changedAt, serial };
  };
}
