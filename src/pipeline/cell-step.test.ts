import { describe, expect, it } from 'vitest';
import { heapKeptBy } from '../../test/support/retention.js';
import type { ColumnMapping } from '../config/index.js';
import type { ColumnSpec } from '../schema/index.js';
import { compileCellStep } from './cell-step.js';

describe('compileCellStep', () => {
  it("keeps in its memo no slice of the input's text (a kept cell would hold its 64 KiB chunk)", () => {
    const step = compileCellStep({
      spec: { name: 'address1', type: 'string' } as unknown as ColumnSpec,
      mapping: { from: 'Address' } as ColumnMapping,
      // a warning that echoes the value: what the memo keeps of it must be detached too
      normalize: (raw) => ({
        ok: true,
        value: raw,
        warning: { code: 'W', severity: 'warning', message: `w: ${raw}`, received: raw },
      }),
      out: () => '',
    });
    const held = heapKeptBy((cell) => step.run(cell, ''));
    expect(held).toBeLessThan(3e6);
    // what the memo serves is still each cell's own result
    for (let i = 0; i < 5; i++) {
      const cell = `${String(i).padStart(8, '0')}`.repeat(3);
      step.run('another', '');
      const result = step.run(cell, '');
      expect(result.value).toBe(cell);
      expect(result.warning?.problem.received).toBe(cell);
    }
  });
});
