import { describe, expect, it } from 'vitest';
import type { ValueKind } from './classify-value.js';
import { classifyValue } from './classify-value.js';

describe('classifyValue', () => {
  it.each<[string, ValueKind]>([
    ['4111111111111111', 'pan'],
    ['4111 1111 1111 1111', 'pan'],
    ['378282246310005', 'pan'],
    ['4111111111111112', 'integer'],
    ['4xxxxxxxxxxx1111', 'masked-pan'],
    ['XXXX9876', 'masked-pan'],
    ['411111******1111', 'masked-pan'],
    ['XXXX', 'masked-pan'],
    ['4.11111E+15', 'scientific'],
    ['card_1AbCdEfGhIjK', 'token'],
    ['ada@example.com', 'email'],
    ['2024-07-13 10:00', 'date'],
    ['13/07/2024', 'date'],
    ['21-Aug-2002 03:26:12 PM MDT', 'date'],
    ['20150312215205', 'date'],
    ['49,95', 'decimal'],
    ['1.234,50', 'decimal'],
    ['$12.00', 'money'],
    ['02139', 'integer'],
    ['(123)123-1234', 'phone'],
    ['312-555-1234 x12', 'phone'],
    ['+15555552000', 'phone'],
    ['TRUE', 'boolean'],
    ['null', 'placeholder'],
    ['Not Applicable', 'placeholder'],
    ['CA', 'state-code'],
    ['US', 'country-code'],
    ['Queensland', 'state-name'],
    ['Australia', 'country-name'],
    ['Denver', 'text'],
    ['active', 'text'],
  ])('%s → %s', (value, kind) => {
    expect(classifyValue(value)).toBe(kind);
  });
});
