/**
 * A proposal entry the map tests share: `Phone Number` proposed as phoneNumber by its alias.
 * @module
 */
import type { ProposedEntry } from './propose-mapping.js';

export const PHONE_ENTRY: ProposedEntry = {
  column: 'Phone Number',
  role: 'phone',
  targets: [{ target: 'phoneNumber', normalize: 'phone' }],
  confidence: 0.97,
  strategy: 'alias',
  evidence: "alias 'Phone Number'",
};
