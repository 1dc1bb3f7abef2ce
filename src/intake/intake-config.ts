/**
 * intake.yaml: validated once at the boundary (`validateIntakeConfig`, pure) and read with paths
 * resolved against the file's folder (`readIntakeConfig`). Passwords are stored only as hashes.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ParsedKey } from 'ssh2';
import * as v from 'valibot';
import { parse } from 'yaml';
import { ToolkitError } from '../core/index.js';
import { sshUtils as utils } from '../transport/index.js';
import type { LockoutPolicy } from './lockout.js';
import { isPasswordHash } from './password-hash.js';

const Account = v.strictObject({
  name: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'letters, digits, . _ - (not first)')),
  mode: v.optional(v.picklist(['upload', 'read-write']), 'upload'),
  passwordHash: v.optional(
    v.pipe(
      v.string(),
      v.check(isPasswordHash, 'use `kmigrate receive hash-password` (never a plain password)'),
    ),
  ),
  publicKeys: v.optional(v.array(v.string()), []),
});

const IntakeSchema = v.strictObject({
  listen: v.optional(
    v.strictObject({
      host: v.optional(v.string(), '127.0.0.1'),
      port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)), 2222),
    }),
    {},
  ),
  root: v.optional(v.string(), 'intake'),
  hostKey: v.optional(v.string(), 'intake-host-key'),
  auditLog: v.optional(v.string(), 'intake-audit.jsonl'),
  maxFileSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 20 * 1024 ** 3),
  requireEncryption: v.optional(v.boolean(), true),
  lockout: v.optional(
    v.strictObject({
      maxFailures: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 5),
      lockSeconds: v.optional(v.pipe(v.number(), v.minValue(0)), 300),
      failureDelayMs: v.optional(v.pipe(v.number(), v.minValue(0)), 250),
    }),
    {},
  ),
  accounts: v.pipe(v.array(Account), v.minLength(1, 'declare at least one account')),
});

/** One account, resolved. */
export interface IntakeAccount {
  readonly name: string;
  readonly mode: 'upload' | 'read-write';
  readonly passwordHash: string | undefined;
  /** SSH public keys allowed to log in. */
  readonly publicKeys: readonly ParsedKey[];
}

/** The resolved intake configuration. */
export interface IntakeConfig {
  readonly host: string;
  readonly port: number;
  readonly root: string;
  readonly hostKeyPath: string;
  readonly auditLogPath: string;
  readonly maxFileSize: number;
  readonly requireEncryption: boolean;
  readonly lockout: LockoutPolicy;
  readonly accounts: ReadonlyMap<string, IntakeAccount>;
}

function fail(problems: readonly string[]): never {
  throw new ToolkitError('INTAKE_CONFIG_INVALID', `intake.yaml is not valid:\n  ${problems.join('\n  ')}`);
}

/** Validate a parsed document; relative paths are resolved against `baseDir`. */
export function validateIntakeConfig(doc: unknown, baseDir: string): IntakeConfig {
  const parsed = v.safeParse(IntakeSchema, doc);
  if (!parsed.success) fail(parsed.issues.map((i) => `${v.getDotPath(i) ?? '(top level)'}: ${i.message}`));
  const c = parsed.output;
  const problems: string[] = [];
  const accounts = new Map<string, IntakeAccount>();
  c.accounts.forEach((a, i) => {
    if (accounts.has(a.name)) problems.push(`accounts.${i}.name: ${a.name} is declared twice`);
    if (!a.passwordHash && a.publicKeys.length === 0)
      problems.push(`accounts.${i}: give passwordHash and/or publicKeys`);
    const keys = a.publicKeys.flatMap((text, k) => {
      const key = utils.parseKey(text);
      if (key instanceof Error || Array.isArray(key)) {
        problems.push(`accounts.${i}.publicKeys.${k}: not an OpenSSH public key`);
        return [];
      }
      return [key];
    });
    accounts.set(a.name, { name: a.name, mode: a.mode, passwordHash: a.passwordHash, publicKeys: keys });
  });
  if (problems.length > 0) fail(problems);
  return {
    host: c.listen.host,
    port: c.listen.port,
    root: resolve(baseDir, c.root),
    hostKeyPath: resolve(baseDir, c.hostKey),
    auditLogPath: resolve(baseDir, c.auditLog),
    maxFileSize: c.maxFileSize,
    requireEncryption: c.requireEncryption,
    lockout: c.lockout,
    accounts,
  };
}

/** Read and validate intake.yaml. */
export async function readIntakeConfig(path: string): Promise<IntakeConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ToolkitError('INTAKE_CONFIG_INVALID', `Cannot read ${path}.`, { cause });
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (cause) {
    throw new ToolkitError('INTAKE_CONFIG_INVALID', `${path} is not well-formed YAML.`, { cause });
  }
  return validateIntakeConfig(doc, dirname(resolve(path)));
}
