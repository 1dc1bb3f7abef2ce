import { describe, expect, it } from 'vitest';
import type { MappingProposal } from './propose-mapping.js';
import { renderMapText } from './render-map.js';

const proposal: MappingProposal = {
  source: null,
  threshold: 0.8,
  entries: [
    {
      column: 'Phone Number',
      role: 'phone',
      targets: [{ target: 'phoneNumber', normalize: 'phone' }],
      confidence: 0.97,
      strategy: 'alias',
      evidence: "alias 'Phone Number'",
    },
  ],
  below: [],
  ignored: [],
  kept: [],
  stale: [
    { target: 'phoneNumber', from: ['Phone'] },
    { target: 'nextBillDate', from: ['Next Bill'] },
  ],
  unmappedTargets: [],
  unusedColumns: [],
};

describe('renderMapText: entries naming columns the file does not have', () => {
  it('says "proposed again" only of those it proposes a column for', () => {
    const text = renderMapText('orders', proposal, { lookups: [], enums: [], missing: [] });
    expect(text).toContain('(proposed again): phoneNumber ← Phone\n');
    expect(text).toMatch(
      /no column proposed \(rename the from:, or remove the entry; build refuses it\): nextBillDate ← Next Bill\n/,
    );
  });
});
