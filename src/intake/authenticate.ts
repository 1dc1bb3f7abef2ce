/**
 * Login checks for the intake server. Passwords are compared with scrypt hashes (a dummy hash is
 * checked for unknown accounts so timing does not reveal them); public keys must match an
 * account's key and sign the session. Failures are delayed and counted toward a lockout.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthContext } from 'ssh2';
import type { AuditLog } from './audit-log.js';
import type { IntakeConfig } from './intake-config.js';
import type { LoginGuard } from './lockout.js';
import { verifyPassword } from './password-hash.js';

/** What the check needs. */
export interface AuthSetup {
  readonly config: IntakeConfig;
  readonly guard: LoginGuard;
  readonly log: AuditLog;
  readonly ip: string;
  readonly remote: string;
  /** Told the account name just before the login is accepted. */
  readonly onAccepted: (account: string) => void;
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const METHODS: ('publickey' | 'password')[] = ['publickey', 'password'];

async function credentialsMatch(
  ctx: AuthContext,
  setup: AuthSetup,
): Promise<boolean | 'query' | 'unknown-key'> {
  const account = setup.config.accounts.get(ctx.username);
  if (ctx.method === 'password')
    return verifyPassword(ctx.password, account?.passwordHash ?? DUMMY_HASH).then(
      (ok) => ok && account !== undefined,
    );
  if (ctx.method !== 'publickey' || !account) return false;
  const key = account.publicKeys.find((k) => k.getPublicSSH().equals(ctx.key.data));
  if (!key) return 'unknown-key';
  if (!ctx.signature || !ctx.blob) return 'query';
  return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true;
}

/** Answer one authentication request; resolves to the account name on success. */
export async function authenticate(ctx: AuthContext, setup: AuthSetup): Promise<string | undefined> {
  const { guard, log, ip, remote } = setup;
  const user = ctx.username;
  if (ctx.method !== 'password' && ctx.method !== 'publickey') return void ctx.reject(METHODS);
  const audit = (result: 'ok' | 'refused', reason: string | null) =>
    log.write({
      account: user,
      remote,
      action: 'login',
      file: null,
      result,
      reason: `${ctx.method}${reason ? `: ${reason}` : ''}`,
    });
  if (guard.lockedFor(user, ip) > 0) {
    audit('refused', 'locked-out');
    return void ctx.reject(METHODS);
  }
  const match = await credentialsMatch(ctx, setup);
  // The client asking whether a key would do (no signature yet), or offering a key the account
  // does not have: neither is a failed login (clients try several keys).
  if (match === 'query') return void ctx.accept();
  if (match === 'unknown-key') return void ctx.reject(METHODS);
  if (match) {
    guard.succeed(user, ip);
    audit('ok', null);
    setup.onAccepted(user);
    ctx.accept();
    return user;
  }
  const { delayMs, locked } = guard.fail(user, ip);
  audit('refused', locked ? 'bad-credentials, now locked out' : 'bad-credentials');
  await sleep(delayMs);
  ctx.reject(METHODS);
  return undefined;
}
