import { describe, expect, it } from 'vitest';
import { enumMapFor } from './enum-vocabulary.js';

describe('enumMapFor', () => {
  it('maps known statuses and leaves a void to the merchant (a void is no decline)', () => {
    expect(enumMapFor('response', ['Settled', 'processor_declined', 'voided'])).toEqual({
      map: { Settled: 'SUCCESS', processor_declined: 'DECLINE' },
      unknown: ['voided'],
    });
  });
});
