import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'profile');
const CONFIG = `# Woo migration: this comment must survive
version: 1
sources:
  - name: subs
    file: woo.csv # exported on Monday
  - name: cards
    file: pan.csv
transactions:
  source: subs
  columns:
    customerId: { from: billing_email } # my own choice, keep it
    paySource: { value: CREDITCARD }
lookups:
  gateways:
    stripe: "7" # already assigned
`;

const tmp = tempDir({
  'woo.csv': readFileSync(join(FIXTURES, 'woo-semicolon.csv')),
  'pan.csv': readFileSync(join(FIXTURES, 'stripe-pan.csv')),
  'migration.yaml': CONFIG,
});
afterAll(() => tmp.cleanup());
const config = join(tmp.dir, 'migration.yaml');

interface MapJson {
  source: string;
  records: number;
  proposal: {
    source: { id: string } | null;
    entries: {
      column: string;
      role: string;
      confidence: number;
      strategy: string;
      targets: { target: string }[];
    }[];
    below: { column: string; role: string }[];
    kept: string[];
    unmappedTargets: string[];
  };
  todo: {
    lookups: { lookup: string; column: string; values: string[] }[];
    enums: { column: string; map: Record<string, string>; unknown: string[] }[];
    missing: string[];
  };
  notWritten?: string;
}

describe('kmigrate map', () => {
  const dry = kmigrate(['map', '--config', config, '--format', 'json']);
  const result: MapJson = JSON.parse(dry.stdout);

  it('proposes from the preset and alias table, keeps what the user wrote', () => {
    expect(dry.code).toBe(0);
    expect(result.proposal.source?.id).toBe('woocommerce-subscriptions');
    const byRole = Object.fromEntries(result.proposal.entries.map((e) => [e.role, e.column]));
    expect(byRole).toMatchObject({
      orderId: 'subscription_id',
      activeRecurring: 'subscription_status',
      nextBillDate: 'next_payment_date',
      subTotal: 'order_total',
      gateway: 'payment_method',
      state: 'billing_state',
    });
    expect(result.proposal.kept).toEqual(['customerId', 'paySource']);
    expect(result.proposal.entries.every((e) => e.confidence >= 0.8)).toBe(true);
  });

  it('lists the merchant’s assignments with every distinct value', () => {
    expect(result.todo.lookups).toEqual([
      {
        lookup: 'gateways',
        column: 'payment_method',
        fields: ['merchantId'],
        values: ['stripe', 'paypal'],
        capped: false,
      },
    ]);
    expect(result.todo.missing.join(' ')).toMatch(/campaignId\/productId/);
    const status = result.todo.enums.find((e) => e.column === 'subscription_status');
    expect(status?.map).toEqual({ 'wc-active': '1', 'wc-cancelled': '0' });
    expect(status?.unknown).toEqual(['wc-on-hold']);
  });

  it('--write merges the proposal into migration.yaml, keeping comments and existing entries', () => {
    const written = kmigrate(['map', '--config', config, '--write']);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/written to/);
    const text = readFileSync(config, 'utf8');
    expect(text).toContain('# Woo migration: this comment must survive');
    expect(text).toContain('customerId: { from: billing_email } # my own choice, keep it');
    expect(text).toContain('stripe: "7" # already assigned');
    expect(text).toMatch(
      /nextBillDate: \{ from: next_payment_date \} # kmigrate map: confidence 0\.9\d, alias/,
    );
    expect(text).toMatch(/# TO DO \(kmigrate map\)/);
    const doc = parse(text);
    expect(doc.lookups.gateways).toEqual({ stripe: '7', paypal: '' });
    expect(doc.transactions.columns.isActiveRecurring).toEqual({
      from: 'subscription_status',
      normalize: 'enum',
      map: { 'wc-active': '1', 'wc-cancelled': '0' },
    });
    expect(doc.transactions.columns.customerId).toEqual({ from: 'billing_email' });
  });

  it('the written file is still a valid migration.yaml, and a second run adds nothing', () => {
    const again = kmigrate(['map', '--config', config, '--write', '--format', 'json']);
    expect(again.code).toBe(0);
    const json = JSON.parse(again.stdout) as MapJson & {
      written: { added: string[]; lookupEntries: number };
    };
    expect(json.written).toMatchObject({ added: [], lookupEntries: 0 });
  });

  it('maps another source without writing it (transactions reads one source)', () => {
    const cards = kmigrate(['map', '--config', config, '--source', 'cards', '--write', '--format', 'json']);
    const json: MapJson = JSON.parse(cards.stdout);
    expect(json.proposal.entries.find((e) => e.role === 'cardNumber')?.column).toBe('card.number');
    expect(json.notWritten).toMatch(/transactions reads source 'subs'/);
    expect(cards.stdout).not.toContain('4111111111111111');
  });

  it('an unknown source is an operational error (exit 2)', () => {
    const bad = kmigrate(['map', '--config', config, '--source', 'nope']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('MAP_SOURCE_UNKNOWN')]);
  });
});

describe('kmigrate map: an entry naming a column the file does not have', () => {
  // a template's placeholder (init --source generic) or a header renamed since: the build would
  // refuse it (CONFIG_INVALID); map proposes the file's column instead of keeping it
  const stale = tempDir({
    'woo.csv': readFileSync(join(FIXTURES, 'woo-semicolon.csv')),
    'migration.yaml': CONFIG.replace(
      '    paySource: { value: CREDITCARD }\n',
      "    paySource: { value: CREDITCARD }\n    emailAddress: { from: Email Address } # the template's name\n",
    ).replace(/ {2}- name: cards\n {4}file: pan.csv\n/, ''),
  });
  afterAll(() => stale.cleanup());
  const path = join(stale.dir, 'migration.yaml');

  it("is not kept: it is listed as stale and the file's column is proposed (and written)", () => {
    const dry = kmigrate(['map', '--config', path, '--format', 'json']);
    expect(dry.code).toBe(0);
    const json = JSON.parse(dry.stdout) as MapJson & {
      proposal: { stale?: { target: string; from: string[] }[] };
    };
    expect(json.proposal.kept).toEqual(['customerId', 'paySource']);
    expect(json.proposal.stale).toEqual([{ target: 'emailAddress', from: ['Email Address'] }]);
    expect(
      json.proposal.entries.find((e) => e.targets.some((t) => t.target === 'emailAddress'))?.column,
    ).toBe('billing_email');
    const text = kmigrate(['map', '--config', path]);
    expect(text.stdout).toMatch(/not in this file.*emailAddress/);
    expect(kmigrate(['map', '--config', path, '--write']).code).toBe(0);
    const written = readFileSync(path, 'utf8');
    // the merchant's own comment is kept, the proposal's note follows it
    expect(written).toMatch(
      /emailAddress: .*# the template's name · kmigrate map: .*\(replaces from: Email Address, not in the file\)/,
    );
    const doc = parse(written);
    expect(doc.transactions.columns.emailAddress).toMatchObject({ from: 'billing_email' });
    expect(doc.transactions.columns.customerId).toEqual({ from: 'billing_email' });
  });
});

describe('kmigrate map: card numbers in a plan, gateway or status column', () => {
  // a shifted export: test card numbers where plan, gateway and status names belong
  const leaky = tempDir({
    'src.csv':
      'Customer ID,Plan,Gateway,Status\nC1,4111111111111111,Stripe,approved\nC2,Gold,5555 5555 5555 4444,declined\nC3,Gold,Stripe,4012888888881881\n',
    'migration.yaml':
      'version: 1\nsources:\n  - { name: s, file: src.csv }\ntransactions:\n  source: s\n  columns: {}\n',
  });
  afterAll(() => leaky.cleanup());

  it('never lists them in the to-do, on stdout or in migration.yaml', () => {
    const r = kmigrate(['map', '--config', join(leaky.dir, 'migration.yaml'), '--write']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/lookups\.plans: .*Gold/);
    const written = readFileSync(join(leaky.dir, 'migration.yaml'), 'utf8');
    for (const text of [r.stdout, r.stderr, written]) {
      expect(text).not.toMatch(/\d{13,}/);
      expect(text).not.toContain('5555 5555 5555 4444');
    }
    expect(parse(written).lookups.plans).toEqual({ Gold: { campaignId: '', productId: '' } });
  });
});

describe('kmigrate map: the configured sources[].preset', () => {
  // an NMI transactions export with columns of the merchant's own: too few of NMI's for the
  // header fingerprint, which then recognises no layout
  const nmi = tempDir({
    'tx.csv':
      'transaction_id,condition,processor_id,response_code,Memo,Region,Agent,Notes,Batch\nT1,complete,gw1,100,a,b,c,d,e\nT2,failed,gw2,200,a,b,c,d,e\n',
    'preset.yaml':
      'version: 1\nsources:\n  - { name: s, file: tx.csv, preset: nmi.transactions }\ntransactions:\n  source: s\n  columns: {}\n',
    'plain.yaml':
      'version: 1\nsources:\n  - { name: s, file: tx.csv }\ntransactions:\n  source: s\n  columns: {}\n',
  });
  afterAll(() => nmi.cleanup());
  const map = (config: string): MapJson & { proposal: { ignored: { column: string }[] } } =>
    JSON.parse(kmigrate(['map', '--config', join(nmi.dir, config), '--format', 'json']).stdout);
  const response = (json: MapJson): string | undefined =>
    json.proposal.entries.find((e) => e.role === 'response')?.column;

  it("proposes from the preset's table where the fingerprint recognises no layout", () => {
    const plain = map('plain.yaml');
    expect(plain.proposal.source).toBeNull();
    // by name alone, NMI's numeric response_code looks like the response
    expect(response(plain)).toBe('response_code');
    const preset = map('preset.yaml');
    expect(response(preset)).toBe('condition');
    expect(preset.proposal.entries.find((e) => e.column === 'condition')?.strategy).toBe('preset');
    expect(preset.proposal.ignored.map((i) => i.column)).toEqual(['response_code']);
  });
});

describe('kmigrate map: tax and shipping beside the charged amount migration.yaml maps as subTotal', () => {
  const own = tempDir({
    'orders.csv':
      'Customer ID,Email,Total Amount,Tax,Shipping Cost\nC1,avery@example.com,35.20,1.25,4.00\nC2,blake@example.com,24.20,0.75,3.50\n',
    'migration.yaml': `version: 1
sources:
  - name: orders
    file: orders.csv
transactions:
  source: orders
  columns:
    subTotal: { from: Total Amount }
`,
  });
  afterAll(() => own.cleanup());
  it('leaves them out, as beside a proposed one (the CRM adds them to subTotal)', () => {
    const run = kmigrate(['map', '--config', join(own.dir, 'migration.yaml'), '--format', 'json']);
    const out: MapJson & { proposal: { ignored: { column: string; reason: string }[] } } = JSON.parse(
      run.stdout,
    );
    expect(out.proposal.kept).toContain('subTotal');
    const roles = out.proposal.entries.map((e) => e.role);
    expect(roles).not.toContain('salesTax');
    expect(roles).not.toContain('shippingPrice');
    expect(out.proposal.ignored.map((i) => i.column).sort()).toEqual(['Shipping Cost', 'Tax']);
    expect(out.proposal.ignored[0]?.reason).toContain('counted twice');
  });
});
