/**
 * The one-source build configuration of the section tests: a processor export with
 * `Customer ID,Order ID,Created,Amount,Status`; `__HINT__` takes extra source options.
 * @module
 */

/** The source file's header. */
export const HEADER = 'Customer ID,Order ID,Created,Amount,Status';

/** migration.yaml reading `orders.csv` (replace the name) with `__HINT__` after its time zone. */
export const CONFIG = `version: 1
target: { importDate: "2026-12-01", timeZone: America/New_York }
sources:
  - { name: orders, file: orders.csv, timeZone: America/Chicago__HINT__ }
transactions:
  source: orders
  columns:
    customerId: { from: Customer ID }
    orderId: { from: Order ID }
    dateCreated: { from: Created }
    campaignId: { value: "12" }
    productId: { value: "101" }
    isActiveRecurring: { value: "0" }
    paySource: { value: CHECK }
    achRoutingNumber: { value: "011000015" }
    achAccountNumber: { value: "123456789" }
    achAccountType: { value: CHECKING }
    merchantId: { value: "7" }
    merchantTxnId: { from: Order ID }
    txnType: { value: SALE }
    subTotal: { from: Amount }
    responseType: { from: Status, normalize: enum, map: { approved: SUCCESS } }
    responseText: { from: Status, normalize: enum, map: { approved: SUCCESS } }
    firstName: { value: Avery }
    lastName: { value: Testwood }
    address1: { value: 1 Example Ave }
    city: { value: Springfield }
    state: { value: IL }
    postalCode: { value: "62701" }
    country: { value: US }
    emailAddress: { value: avery@example.com }
    phoneNumber: { value: "5552011000" }
    billShipSame: { value: "1" }
`;
