/**
 * SFTP requests on paths: REALPATH, STAT/LSTAT, OPENDIR/READDIR, REMOVE, RENAME, MKDIR, RMDIR,
 * SETSTAT, and the always-refused SYMLINK. Upload-only accounts cannot list, delete or make
 * folders; every refusal is audited.
 * @module
 */
import { lstat, mkdir, readdir, rename, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Attributes } from 'ssh2';
import { sshUtils as utils } from '../transport/index.js';
import { resolveInSpace } from './account-space.js';
import { attrsOf, longnameOf, type SessionContext } from './session-context.js';

const { STATUS_CODE } = utils.sftp;
const DIR_ATTRS: Attributes = { mode: 0o40700, uid: 0, gid: 0, size: 0, atime: 0, mtime: 0 };

async function resolved(ctx: SessionContext, reqId: number, action: string, path: string) {
  const where = await resolveInSpace(ctx.dir, path);
  if (where.ok) return where;
  ctx.audit({ action, file: path, result: 'refused', reason: where.reason });
  ctx.sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
  return undefined;
}

function readWriteOnly(ctx: SessionContext, reqId: number, action: string, path: string): boolean {
  if (ctx.account.mode === 'read-write') return true;
  ctx.audit({ action, file: path, result: 'refused', reason: 'upload-only-account' });
  ctx.sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
  return false;
}

async function onStat(ctx: SessionContext, reqId: number, path: string): Promise<void> {
  const where = await resolved(ctx, reqId, 'stat', path);
  if (!where) return;
  const s = await lstat(where.real).catch(() => undefined);
  if (!s || !(s.isFile() || s.isDirectory())) return ctx.sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
  ctx.sftp.attrs(reqId, attrsOf(s));
}

async function onOpendir(ctx: SessionContext, reqId: number, path: string): Promise<void> {
  if (!readWriteOnly(ctx, reqId, 'list', path)) return;
  const where = await resolved(ctx, reqId, 'list', path);
  if (!where) return;
  const names = await readdir(where.real).catch(() => undefined);
  if (names === undefined) return ctx.sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
  const entries = [];
  for (const name of names.sort()) {
    const s = await lstat(join(where.real, name)).catch(() => undefined);
    if (s && (s.isFile() || s.isDirectory()))
      entries.push({ filename: name, longname: longnameOf(name, s), attrs: attrsOf(s) });
  }
  ctx.audit({ action: 'list', file: where.virtual, result: 'ok' });
  const id = Buffer.from(`d${reqId}-${Date.now()}`);
  ctx.handles.set(id.toString('hex'), { kind: 'dir', entries, sent: false });
  ctx.sftp.handle(reqId, id);
}

function onReaddir(ctx: SessionContext, reqId: number, id: Buffer): void {
  const h = ctx.handles.get(id.toString('hex'));
  if (h?.kind !== 'dir') ctx.sftp.status(reqId, STATUS_CODE.FAILURE);
  else if (h.sent || h.entries.length === 0) ctx.sftp.status(reqId, STATUS_CODE.EOF);
  else {
    h.sent = true;
    ctx.sftp.name(reqId, h.entries);
  }
}

async function onRemove(ctx: SessionContext, reqId: number, path: string, dir: boolean): Promise<void> {
  const action = dir ? 'rmdir' : 'remove';
  if (!readWriteOnly(ctx, reqId, action, path)) return;
  const where = await resolved(ctx, reqId, action, path);
  if (!where) return;
  if (where.virtual === '/') return ctx.sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
  const ok = await (dir ? rmdir(where.real) : unlink(where.real)).then(
    () => true,
    () => false,
  );
  ctx.audit({ action, file: where.virtual, result: ok ? 'ok' : 'failed' });
  ctx.sftp.status(reqId, ok ? STATUS_CODE.OK : STATUS_CODE.NO_SUCH_FILE);
}

async function onRename(ctx: SessionContext, reqId: number, from: string, to: string): Promise<void> {
  const a = await resolved(ctx, reqId, 'rename', from);
  if (!a) return;
  const b = await resolved(ctx, reqId, 'rename', to);
  if (!b) return;
  const source = await lstat(a.real).catch(() => undefined);
  const target = await lstat(b.real).catch(() => undefined);
  if (!source?.isFile()) return ctx.sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
  if (target && !target.isFile()) return ctx.sftp.status(reqId, STATUS_CODE.FAILURE, 'target is not a file');
  const ok = await rename(a.real, b.real).then(
    () => true,
    () => false,
  );
  ctx.audit({
    action: 'rename',
    file: `${a.virtual} -> ${b.virtual}`,
    size: source.size,
    result: ok ? 'ok' : 'failed',
  });
  ctx.sftp.status(reqId, ok ? STATUS_CODE.OK : STATUS_CODE.FAILURE);
}

async function onMkdir(ctx: SessionContext, reqId: number, path: string): Promise<void> {
  if (!readWriteOnly(ctx, reqId, 'mkdir', path)) return;
  const where = await resolved(ctx, reqId, 'mkdir', path);
  if (!where) return;
  const ok = await mkdir(where.real, { mode: 0o700 }).then(
    () => true,
    () => false,
  );
  ctx.audit({ action: 'mkdir', file: where.virtual, result: ok ? 'ok' : 'failed' });
  ctx.sftp.status(reqId, ok ? STATUS_CODE.OK : STATUS_CODE.FAILURE);
}

async function onRealpath(ctx: SessionContext, reqId: number, path: string): Promise<void> {
  const where = await resolved(ctx, reqId, 'realpath', path);
  if (where) ctx.sftp.name(reqId, [{ filename: where.virtual, longname: where.virtual, attrs: DIR_ATTRS }]);
}

/** Register the path handlers on the session's SFTP channel. */
export function attachPathHandlers(
  ctx: SessionContext,
  guard: (reqId: number, work: Promise<void>) => void,
): void {
  const { sftp } = ctx;
  sftp.on('REALPATH', (r, path) => guard(r, onRealpath(ctx, r, path)));
  sftp.on('STAT', (r, path) => guard(r, onStat(ctx, r, path)));
  sftp.on('LSTAT', (r, path) => guard(r, onStat(ctx, r, path)));
  sftp.on('OPENDIR', (r, path) => guard(r, onOpendir(ctx, r, path)));
  sftp.on('READDIR', (r, id) => onReaddir(ctx, r, id));
  sftp.on('REMOVE', (r, path) => guard(r, onRemove(ctx, r, path, false)));
  sftp.on('RMDIR', (r, path) => guard(r, onRemove(ctx, r, path, true)));
  sftp.on('RENAME', (r, from, to) => guard(r, onRename(ctx, r, from, to)));
  sftp.on('MKDIR', (r, path) => guard(r, onMkdir(ctx, r, path)));
  sftp.on('SETSTAT', (r) => sftp.status(r, STATUS_CODE.OK));
  sftp.on('FSETSTAT', (r) => sftp.status(r, STATUS_CODE.OK));
  sftp.on('READLINK', (r) => sftp.status(r, STATUS_CODE.NO_SUCH_FILE));
  sftp.on('SYMLINK', (r, target, link) => {
    ctx.audit({
      action: 'symlink',
      file: `${link} -> ${target}`,
      result: 'refused',
      reason: 'symlinks-not-allowed',
    });
    sftp.status(r, STATUS_CODE.PERMISSION_DENIED);
  });
}
