import { describe, expect, it } from 'vitest';
import { PHONE_ENTRY } from './proposal.test-helper.js';
import type { MappingProposal } from './propose-mapping.js';
import { renderMapText } from './render-map.js';

const proposal: MappingProposal = {
  source: null,
  threshold: 0.8,
  entries: [PHONE_ENTRY],
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
