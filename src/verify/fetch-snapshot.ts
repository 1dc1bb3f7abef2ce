/**
 * Find one legacy customer in the CRM (by merchantTxnId, falling back to email, then phone) and
 * fetch its customer record, transactions, purchases and orders.
 * @module
 */
import type { CrmTransaction, KonnektiveClient } from '../api-client/index.js';
import type { ModelCustomer } from '../import-model/index.js';
import type { CrmSnapshot } from './verify-types.js';

const MAX_TXN_PROBES = 3;

async function locate(
  client: KonnektiveClient,
  c: ModelCustomer,
): Promise<{ customerId: string; foundBy: CrmSnapshot['foundBy']; alsoHeldBy?: string[] } | null> {
  const probes = c.transactions.filter((t) => t.merchantTxnId !== '').slice(0, MAX_TXN_PROBES);
  for (const t of probes) {
    const hits = (await client.transactions({ merchantTxnId: t.merchantTxnId })).filter(
      (x) => x.customerId !== '',
    );
    // a merchantTxnId is unique per MID and type only: another MID's transaction is another customer's
    const same = hits.filter((x) => x.merchantId === t.merchantId && x.txnType === t.txnType);
    const ids = await sameContact(client, c, [
      ...new Set((same.length > 0 ? same : hits).map((x) => x.customerId)),
    ]);
    const [first, ...others] = ids;
    if (first === undefined) continue;
    // more than one CRM customer like this one holds the transaction: the file (or the sample) was imported twice
    return {
      customerId: first,
      foundBy: 'merchantTxnId',
      ...(others.length > 0 ? { alsoHeldBy: others } : {}),
    };
  }
  const last = c.contact.lastName.toLowerCase();
  if (c.contact.emailAddress) {
    const list = await client.customers({ emailAddress: c.contact.emailAddress, exactEmailMatch: '1' });
    const hit =
      list.find((x) => x.lastName.toLowerCase() === last) ?? (list.length === 1 ? list[0] : undefined);
    if (hit) return { customerId: hit.customerId, foundBy: 'emailAddress' };
  }
  if (c.contact.phoneNumber) {
    const list = await client.customers({ phoneNumber: c.contact.phoneNumber });
    const hit =
      list.find((x) => x.lastName.toLowerCase() === last) ?? (list.length === 1 ? list[0] : undefined);
    if (hit) return { customerId: hit.customerId, foundBy: 'phoneNumber' };
  }
  return null;
}

/** At most this many CRM customers holding one merchantTxnId are looked at. */
const MAX_HOLDERS = 5;

/**
 * Of several CRM customers holding a merchantTxnId, those with the legacy customer's last name and
 * email (two customers of the file may share a merchantTxnId: `check` only warns); all of them
 * when none has.
 */
async function sameContact(
  client: KonnektiveClient,
  c: ModelCustomer,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length < 2) return [...ids];
  const key = (lastName: string, email: string): string =>
    `${lastName.trim().toLowerCase()}\u0000${email.trim().toLowerCase()}`;
  const want = key(c.contact.lastName, c.contact.emailAddress);
  const holders = ids.slice(0, MAX_HOLDERS);
  const records = await Promise.all(holders.map((customerId) => client.customers({ customerId })));
  const like = holders.filter((_, i) =>
    (records[i] ?? []).some((x) => key(x.lastName, x.emailAddress) === want),
  );
  return like.length > 0 ? like : [...ids];
}

/** The CRM's view of one legacy customer, or null when it cannot be found. */
export async function fetchSnapshot(client: KonnektiveClient, c: ModelCustomer): Promise<CrmSnapshot | null> {
  const where = await locate(client, c);
  if (where === null) return null;
  const customerId = where.customerId;
  const [customers, transactions, purchases] = await Promise.all([
    client.customers({ customerId }),
    client.transactions({ customerId }),
    client.purchases({ customerId }),
  ]);
  const orderIds = crmOrderIds(c, transactions);
  const orders = (await Promise.all(orderIds.map((orderId) => client.orders({ orderId })))).flat();
  return {
    customer: customers[0] ?? null,
    transactions,
    purchases,
    orders,
    foundBy: where.foundBy,
    ...(where.alsoHeldBy ? { alsoHeldBy: where.alsoHeldBy } : {}),
  };
}

/** CRM order IDs of the legacy customer's transactions (matched by merchantTxnId). */
function crmOrderIds(c: ModelCustomer, transactions: readonly CrmTransaction[]): string[] {
  const mtids = new Set(c.transactions.map((t) => t.merchantTxnId));
  return [
    ...new Set(transactions.filter((t) => mtids.has(t.merchantTxnId) && t.orderId).map((t) => t.orderId)),
  ];
}
