/**
 * Reference checks of the multi-source parts of migration.yaml: joins chain out of the
 * transactions source, each source is joined once, derivations read sources that are joined.
 * @module
 */
import type { MigrationConfig } from './migration-schema.js';

/** A problem at a path of the document. */
interface Problem {
  readonly path: string;
  readonly message: string;
}

/** The source name of a `source.Column` reference. */
export function refSource(ref: string): string {
  return ref.slice(0, ref.indexOf('.'));
}

/** The column name of a `source.Column` reference. */
export function refColumn(ref: string): string {
  return ref.slice(ref.indexOf('.') + 1);
}

/** Check joins and derivations; pushes into `problems`. */
export function validateJoins(config: MigrationConfig, problems: Problem[]): void {
  const names = new Set(config.sources.map((s) => s.name));
  if (names.has('derived'))
    problems.push({
      path: 'sources',
      message: 'no source may be named derived (the name of derived columns)',
    });
  const reachable = new Set([config.transactions.source]);
  (config.joins ?? []).forEach((j, i) => {
    const at = `joins.${i}`;
    const pairs: [string, string, string][] = [[`${at}`, j.from, j.to]];
    if (j.else) pairs.push([`${at}.else`, j.else.from, j.else.to]);
    for (const [path, from, to] of pairs) {
      if (!names.has(refSource(from)))
        problems.push({ path: `${path}.from`, message: `no source named ${refSource(from)}` });
      else if (!reachable.has(refSource(from)))
        problems.push({
          path: `${path}.from`,
          message: `${refSource(from)} is neither the transactions source nor joined by an earlier join`,
        });
      if (!names.has(refSource(to)))
        problems.push({ path: `${path}.to`, message: `no source named ${refSource(to)}` });
      if (refSource(to) !== refSource(j.to))
        problems.push({ path: `${path}.to`, message: 'else must join the same source as to' });
    }
    if (reachable.has(refSource(j.to)))
      problems.push({
        path: `${at}.to`,
        message: `${refSource(j.to)} is already joined (or is the transactions source)`,
      });
    reachable.add(refSource(j.to));
  });
  const derive = config.derive;
  if (!derive) return;
  const refs: [string, string | undefined][] = [];
  const sub = derive.subscription;
  if (sub) {
    refs.push(['derive.subscription.status', sub.status], ['derive.subscription.periodEnd', sub.periodEnd]);
    refs.push(
      ['derive.subscription.trialEnd', sub.trialEnd],
      ['derive.subscription.autoRenew', sub.autoRenew],
    );
  }
  const orders = derive.orders;
  if (orders) {
    const by = orders.by === undefined ? [] : Array.isArray(orders.by) ? orders.by : [orders.by];
    refs.push(['derive.orders.id', orders.id], ['derive.orders.refundOf', orders.refundOf]);
    for (const r of by) refs.push(['derive.orders.by', r]);
    for (const [path, r] of refs.slice(-by.length - 2)) {
      if (r !== undefined && refSource(r) !== config.transactions.source)
        problems.push({ path, message: 'orders are derived from columns of the transactions source' });
    }
  }
  const refunds = derive.refunds?.amount;
  if (refunds !== undefined && refSource(refunds) !== config.transactions.source)
    problems.push({
      path: 'derive.refunds.amount',
      message: 'refunds are read from the transactions source',
    });
  for (const [path, r] of refs) {
    if (r !== undefined && !reachable.has(refSource(r)))
      problems.push({ path, message: `${refSource(r)} is not the transactions source or a joined source` });
  }
  const dup = derive.duplicates;
  if (dup && (!reachable.has(dup.source) || dup.source === config.transactions.source))
    problems.push({ path: 'derive.duplicates.source', message: `${dup.source} must be a joined source` });
  if (dup && !config.sources.find((s) => s.name === dup.source)?.key)
    problems.push({
      path: 'derive.duplicates.source',
      message: `source ${dup.source} needs a key (its customer id column)`,
    });
}
