/**
 * Source presets: per vendor, its export files (headers as the vendor writes them, keys, card
 * columns, record adapters) and the commented migration.yaml `kmigrate init` writes.
 * @module
 */
import { authorizeNetPreset } from './authorize-net.js';
import { braintreePreset } from './braintree.js';
import { genericPreset } from './generic.js';
import { nmiPreset } from './nmi.js';
import type { Preset, PresetFile } from './preset-types.js';
import { recurlyPreset } from './recurly.js';
import { stickyPreset } from './sticky.js';
import { stripePreset } from './stripe.js';
import { woocommercePreset } from './woocommerce.js';

export { foldName, packedCellsAdapter, unpackCell } from './packed-cells.js';
export type { Preset, PresetFile, RecordAdapter } from './preset-types.js';

/** Every preset, in the order `kmigrate init --help` lists them. */
export const PRESETS: readonly Preset[] = [
  stripePreset,
  nmiPreset,
  authorizeNetPreset,
  braintreePreset,
  recurlyPreset,
  woocommercePreset,
  stickyPreset,
  genericPreset,
];

/** The preset ids `init --source` accepts. */
export const PRESET_IDS: readonly string[] = PRESETS.map((p) => p.id);

/** A preset by id. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** A preset file by `vendor.file` id. */
export function findPresetFile(id: string): PresetFile | undefined {
  return PRESETS.flatMap((p) => p.files).find((f) => f.id === id);
}
