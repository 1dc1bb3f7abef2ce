/**
 * A Transactions file of `n` customers for sample/sandbox/verify tests: each has a sale and a
 * rebill (every fifth a refund instead), varied MIDs, products, countries and pay details.
 */
import { fullRow, type TxRow } from '../support/konnektive-rows.js';

/** Rows of customer `k` (1-based): C{k}. */
export function customerRows(k: number): TxRow[] {
  const mid = String(7 + (k % 3));
  const product = String(101 + (k % 2));
  const base = {
    customerId: `C${k}`,
    orderId: `O${k}`,
    lastName: `Testwood${k}`,
    shipLastName: `Testwood${k}`,
    emailAddress: `avery${k}@example.com`,
    phoneNumber: `555201${String(1000 + (k % 9000)).slice(-4)}`,
    merchantId: mid,
    productId: product,
    nextBillDate: `2027-0${1 + (k % 9)}-15`,
    billShipSame: k % 4 === 0 ? '1' : '0',
    country: k % 7 === 0 ? 'CA' : 'US',
    state: k % 7 === 0 ? 'ON' : 'IL',
    postalCode: k % 7 === 0 ? 'M5V 2T6' : '62701',
  };
  const sale = fullRow(2 * k, { ...base, merchantTxnId: `T${k}A`, dateCreated: '2026-01-04 10:11:12' });
  const second =
    k % 5 === 0
      ? fullRow(2 * k + 1, {
          ...base,
          merchantTxnId: `T${k}R`,
          txnType: 'REFUND',
          dateCreated: '2026-01-09 08:00:00',
        })
      : fullRow(2 * k + 1, {
          ...base,
          orderId: `O${k}B`,
          merchantTxnId: `T${k}B`,
          dateCreated: '2026-02-04 10:11:12',
        });
  return [sale, second];
}

/** Rows of customers 1..n. */
export function fixtureRows(n: number): TxRow[] {
  return Array.from({ length: n }, (_, i) => customerRows(i + 1)).flat();
}
