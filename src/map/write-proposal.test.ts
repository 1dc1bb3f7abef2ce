import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AssignmentTodo } from './assignment-todo.js';
import { PHONE_ENTRY } from './proposal.test-helper.js';
import type { MappingProposal } from './propose-mapping.js';
import { writeProposal } from './write-proposal.js';

const proposal: MappingProposal = {
  source: null,
  threshold: 0.8,
  entries: [],
  below: [],
  ignored: [],
  kept: [],
  stale: [],
  unmappedTargets: [],
  unusedColumns: [],
};

const todo = (plans: string[], gateways: string[]): AssignmentTodo => ({
  lookups: [
    { lookup: 'plans', column: 'Plan', fields: ['campaignId', 'productId'], values: plans, capped: false },
    { lookup: 'gateways', column: 'Gateway', fields: ['merchantId'], values: gateways, capped: false },
  ],
  enums: [],
  missing: [],
});

describe('writeProposal lookups', () => {
  it('adds no empty entry for a value the merchant filled under another case, spacing or a number key', () => {
    // the build finds a key exactly, then trimmed and case-insensitively: an added exact
    // `Gold Monthly: { campaignId: "" }` would hide the merchant's `gold monthly` entry
    const text = `version: 1
lookups:
  plans:
    gold monthly: { campaignId: 12, productId: 101 }
  gateways:
    7: "7"
    " NMI Backup ": "9"
`;
    const result = writeProposal(
      text,
      proposal,
      todo(['Gold Monthly', 'Trial Kit'], ['7', 'nmi backup', 'Stripe US']),
    );
    expect(result.lookupEntries).toBe(2);
    const doc = parse(result.text);
    expect(doc.lookups.plans).toEqual({
      'gold monthly': { campaignId: 12, productId: 101 },
      'Trial Kit': { campaignId: '', productId: '' },
    });
    expect(doc.lookups.gateways).toEqual({ 7: '7', ' NMI Backup ': '9', 'Stripe US': '' });
  });

  it('reads a number-like key as written: 007 is the value 007 (the build reads it so), not 7', () => {
    const text = `version: 1
lookups:
  plans:
    007: { campaignId: 12, productId: 101 }
  gateways: {}
`;
    const result = writeProposal(text, proposal, todo(['007', '7'], []));
    expect(result.lookupEntries).toBe(1);
    expect(result.text).not.toMatch(/^ {4}7: \{ campaignId: 12/m);
    expect(parse(result.text).lookups.plans).toEqual({
      '007': { campaignId: 12, productId: 101 },
      '7': { campaignId: '', productId: '' },
    });
  });
});

describe('writeProposal stale entries', () => {
  it("replaces a stale entry's column but keeps the merchant's options, map entries and comment", () => {
    const text = `version: 1
transactions:
  columns:
    phoneNumber: { from: Phone, dummy: "1111111111" } # set by hand
    responseType: { from: Status, normalize: enum, map: { ok: SUCCESS } }
`;
    const stale: MappingProposal = {
      ...proposal,
      entries: [
        PHONE_ENTRY,
        {
          column: 'Result',
          role: 'response',
          targets: [{ target: 'responseType', normalize: 'enum' }],
          confidence: 0.9,
          strategy: 'alias',
          evidence: "alias 'Result'",
        },
      ],
      stale: [
        { target: 'phoneNumber', from: ['Phone'] },
        { target: 'responseType', from: ['Status'] },
      ],
    };
    const result = writeProposal(text, stale, {
      lookups: [],
      enums: [
        { column: 'Result', role: 'response', map: { ok: 'DECLINE', approved: 'SUCCESS' }, unknown: [] },
      ],
      missing: [],
    });
    expect(result.added).toEqual(['phoneNumber', 'responseType']);
    const columns = parse(result.text).transactions.columns;
    expect(columns.phoneNumber).toEqual({ from: 'Phone Number', normalize: 'phone', dummy: '1111111111' });
    expect(columns.responseType).toEqual({
      from: 'Result',
      normalize: 'enum',
      map: { ok: 'SUCCESS', approved: 'SUCCESS' },
    });
    expect(result.text).toMatch(/# set by hand/);
  });
});

describe('writeProposal: an anchored stale entry', () => {
  it('keeps its anchor, so an alias of it still resolves (it threw "Unresolved alias")', () => {
    const text = `version: 1
transactions:
  columns:
    address1: &ad { from: Address }
    shipAddress1: *ad
`;
    const result = writeProposal(
      text,
      {
        ...proposal,
        entries: [
          {
            column: 'Street Address',
            role: 'address1',
            targets: [{ target: 'address1' }],
            confidence: 0.9,
            strategy: 'alias',
            evidence: "alias 'Street Address'",
          },
        ],
        stale: [{ target: 'address1', from: ['Address'] }],
      },
      { lookups: [], enums: [], missing: [] },
    );
    const columns = parse(result.text).transactions.columns;
    expect(columns.address1).toEqual({ from: 'Street Address' });
    expect(columns.shipAddress1).toEqual({ from: 'Street Address' });
  });
});
