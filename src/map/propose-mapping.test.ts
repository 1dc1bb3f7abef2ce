import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../profile/index.js';
import { SOURCE_FORMATS } from '../profile/index.js';
import { proposeMapping } from './propose-mapping.js';

/** Role → source column, per layout: reviewed by hand against reference/source-formats.md. */
const EXPECTED: Record<string, Record<string, string>> = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../test/fixtures/profile/expected-mappings.json'), 'utf8'),
);

const mapped = (header: readonly string[], threshold = 0.8): Record<string, string> =>
  Object.fromEntries(proposeMapping(header, { threshold }).entries.map((e) => [e.role, e.column]));

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('proposeMapping over the real header rows of the reference', () => {
  it('covers every known layout', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(SOURCE_FORMATS.map((f) => f.id).sort());
  });

  it.each(SOURCE_FORMATS.map((f) => [f.id, f.headers] as const))(
    '%s: the right target for every known column, nothing wrong above 0.8',
    (id, headers) => {
      const proposal = proposeMapping(headers);
      expect(proposal.source?.id).toBe(id);
      expect(mapped(headers)).toEqual(EXPECTED[id]);
    },
  );

  it.each(SOURCE_FORMATS.map((f) => [f.id, f.headers] as const))(
    '%s: shuffled columns and dropped optional columns give the same mapping',
    (id, headers) => {
      const used = new Set(Object.values(EXPECTED[id] ?? {}));
      for (const seed of [1, 7, 42]) {
        const dropped = headers.filter((h, i) => used.has(h) || (i * 7 + seed) % 2 === 0);
        const header = shuffled(dropped, seed);
        expect(proposeMapping(header).source?.id).toBe(id);
        expect(mapped(header)).toEqual(EXPECTED[id]);
      }
    },
  );

  it('matches headers case-, space- and punctuation-insensitively (upper-case Stripe PAN headers, BOM-free)', () => {
    const upper =
      SOURCE_FORMATS.find((f) => f.id === 'stripe-pan')?.headers.map((h) => h.toUpperCase()) ?? [];
    const result = mapped(upper);
    expect(result.cardNumber).toBe('CARD.NUMBER');
    expect(result.cardExpiryMonth).toBe('CARD.EXP_MONTH');
  });

  it('never proposes a target twice and reports the rest as unmapped', () => {
    for (const f of SOURCE_FORMATS) {
      const p = proposeMapping(f.headers);
      const targets = p.entries.flatMap((e) => e.targets.map((t) => t.target));
      expect(new Set(targets).size).toBe(targets.length);
      for (const t of targets) expect(p.unmappedTargets).not.toContain(t);
    }
  });
});

const profile = (name: string, type: ColumnProfile['type'], format?: string): ColumnProfile => ({
  index: 0,
  name,
  filled: 10,
  blank: 0,
  fillRate: 1,
  distinct: 10,
  distinctExact: true,
  type,
  ...(format === undefined ? {} : { format }),
  kinds: {},
  classified: 10,
  examples: [],
  enumLike: false,
  sensitive: false,
  damage: [],
});

describe('proposeMapping with value-shape evidence', () => {
  const header = ['Customer', 'Mail', 'PAN', 'Next Billing Date (UTC)', 'Card Number', 'Amt'];
  const profiles = [
    profile('Customer', 'text'),
    profile('Mail', 'email'),
    profile('PAN', 'card-number'),
    profile('Next Billing Date (UTC)', 'date', 'ISO'),
    profile('Card Number', 'masked-card'),
    profile('Amt', 'money'),
  ].map((p, index) => ({ ...p, index }));
  const proposal = proposeMapping(header, { profiles });
  const byRole = Object.fromEntries(proposal.entries.map((e) => [e.role, e]));

  it('a column of Luhn-valid card numbers is the card number, whatever its name', () => {
    expect(byRole.cardNumber?.column).toBe('PAN');
    expect(byRole.cardNumber?.strategy).toBe('value');
  });

  it('a date column named like a next-bill date is nextBillDate (fuzzy + value evidence)', () => {
    expect(byRole.nextBillDate?.column).toBe('Next Billing Date (UTC)');
    expect(byRole.nextBillDate?.strategy).toBe('fuzzy');
  });

  it('masked card numbers are never proposed as cardNumber', () => {
    expect(proposal.entries.some((e) => e.column === 'Card Number')).toBe(false);
  });

  it('a fuzzy header backed by its values clears the threshold; a higher threshold leaves it unmapped and says so', () => {
    expect(byRole.emailAddress?.column).toBe('Mail');
    const strict = proposeMapping(header, { profiles, threshold: 0.95 });
    expect(strict.entries.some((e) => e.column === 'Mail')).toBe(false);
    expect(strict.below.find((b) => b.column === 'Mail')?.role).toBe('emailAddress');
    expect(strict.unmappedTargets).toContain('emailAddress');
  });

  it('keeps targets the user already mapped', () => {
    const kept = proposeMapping(header, { profiles, existingTargets: new Set(['cardNumber']) });
    expect(kept.entries.some((e) => e.role === 'cardNumber')).toBe(false);
    expect(kept.kept).toEqual(['cardNumber']);
  });
});

describe('proposeMapping when the values contradict the preset', () => {
  it("a layout's masked card column that holds Luhn-valid card numbers is the card number, not left out as masked", () => {
    // a generic export whose header happens to fit the Authorize.net download (as the demo's does)
    const header = SOURCE_FORMATS.find((f) => f.id === 'authorize-net-tab')?.headers ?? [];
    const profiles = header.map((h, index) => ({
      ...profile(h, h === 'Card Number' ? 'card-number' : 'text'),
      index,
    }));
    const p = proposeMapping(header, { profiles });
    expect(p.source?.id).toBe('authorize-net-tab');
    expect(p.entries.find((e) => e.role === 'cardNumber')?.column).toBe('Card Number');
    expect(p.ignored.map((i) => i.column)).not.toContain('Card Number');
    // masked values keep the preset's verdict
    const masked = header.map((h, index) => ({
      ...profile(h, h === 'Card Number' ? 'masked-card' : 'text'),
      index,
    }));
    const m = proposeMapping(header, { profiles: masked });
    expect(m.entries.some((e) => e.role === 'cardNumber')).toBe(false);
    expect(m.ignored.map((i) => i.column)).toContain('Card Number');
  });
});

describe('layoutForPreset (bridge to sources[].preset)', () => {
  it.each([
    ['stripe.payments', 'stripe-payments'],
    ['woocommerce.subscriptions', 'woocommerce-subscriptions'],
    ['authorize-net.transactions', undefined],
    [undefined, undefined],
  ])('%s → %s', async (preset, layout) => {
    const { layoutForPreset } = await import('./map-source.js');
    expect(layoutForPreset(preset)).toBe(layout);
  });
});

describe('proposeMapping with an empty column', () => {
  it('never proposes an empty column above the threshold, even from a preset; lists it below with the reason', () => {
    const pan = SOURCE_FORMATS.find((f) => f.id === 'stripe-pan')?.headers ?? [];
    const profiles = pan.map((h) =>
      profile(h, h === 'card.address_line2' || h === 'email' ? 'empty' : 'text'),
    );
    const p = proposeMapping(pan, { profiles });
    expect(p.entries.map((e) => e.column)).not.toContain('card.address_line2');
    expect(p.entries.map((e) => e.column)).not.toContain('email');
    const below = p.below.find((b) => b.column === 'card.address_line2');
    expect(below?.confidence).toBeLessThanOrEqual(0.5);
    expect(below?.evidence).toMatch(/empty/);
    // not even at a threshold the user lowered to its score
    const low = proposeMapping(pan, { profiles, threshold: 0.3 });
    expect(low.entries.map((e) => e.column)).not.toContain('card.address_line2');
  });
});

describe("proposeMapping: a shop export's order date", () => {
  it.each(['Order Date', 'order_date', 'Transaction Date'])('%s is dateCreated', (header) => {
    expect(mapped(['Order Number', header, 'Order Total', 'Billing Email']).dateCreated).toBe(header);
  });
});

describe('proposeMapping: tax and shipping beside a charged amount', () => {
  const header = ['Customer ID', 'Email', 'order_total', 'order_tax', 'order_shipping'];
  it('leaves tax and shipping out when subTotal is the charged amount (they are in it already)', () => {
    const p = proposeMapping(header, { layout: 'none' });
    expect(p.entries.find((e) => e.role === 'subTotal')?.column).toBe('order_total');
    expect(p.entries.map((e) => e.role)).not.toContain('salesTax');
    expect(p.entries.map((e) => e.role)).not.toContain('shippingPrice');
    expect(p.ignored.map((i) => i.column).sort()).toEqual(['order_shipping', 'order_tax']);
    expect(p.ignored[0]?.reason).toContain('counted twice');
    expect(p.unmappedTargets).toContain('salesTax');
    expect(p.unusedColumns).toContain('order_tax');
  });
  it('does not suggest them below the threshold either', () => {
    const p = proposeMapping(['Customer ID', 'Email', 'Total Amount', 'Freight'], { layout: 'none' });
    expect(p.entries.find((e) => e.role === 'subTotal')?.column).toBe('Total Amount');
    expect(p.below.map((b) => b.role)).not.toContain('shippingPrice');
    const price = proposeMapping(['Customer ID', 'Email', 'price', 'Freight'], { layout: 'none' });
    expect(price.below.map((b) => b.role)).toContain('shippingPrice');
  });
  it('keeps them beside a price before tax', () => {
    const p = proposeMapping(['Customer ID', 'Email', 'price', 'order_tax', 'order_shipping'], {
      layout: 'none',
    });
    expect(p.entries.find((e) => e.role === 'subTotal')?.column).toBe('price');
    expect(Object.fromEntries(p.entries.map((e) => [e.role, e.column]))).toMatchObject({
      salesTax: 'order_tax',
      shippingPrice: 'order_shipping',
    });
    expect(p.ignored).toEqual([]);
  });
});
