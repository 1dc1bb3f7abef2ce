/**
 * SFTP requests on files: OPEN (upload or read back), READ, WRITE, CLOSE, FSTAT.
 * Uploads are staged by {@link UploadHandle}; reads never follow links.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, lstat, open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sshUtils as utils } from '../transport/index.js';
import { resolveInSpace } from './account-space.js';
import { attrsOf, type SessionContext } from './session-context.js';
import { UploadHandle, type UploadRefusal } from './upload-handle.js';

const { OPEN_MODE, STATUS_CODE } = utils.sftp;
const MAX_READ = 256 * 1024;
let nextHandle = 0;

function newHandle(ctx: SessionContext, value: Parameters<SessionContext['handles']['set']>[1]): Buffer {
  const id = Buffer.alloc(4);
  nextHandle = (nextHandle + 1) >>> 0;
  id.writeUInt32BE(nextHandle);
  ctx.handles.set(id.toString('hex'), value);
  return id;
}

async function openUpload(ctx: SessionContext, reqId: number, real: string, virtual: string, flags: number) {
  const { sftp } = ctx;
  const parent = await stat(dirname(real)).catch(() => undefined);
  const existing = await lstat(real).catch(() => undefined);
  if (!parent?.isDirectory()) return sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
  if (existing && !existing.isFile()) return sftp.status(reqId, STATUS_CODE.FAILURE, 'not a regular file');
  if (existing && flags & OPEN_MODE.EXCL) return sftp.status(reqId, STATUS_CODE.FAILURE, 'file exists');
  const temp = join(ctx.incoming, `${ctx.account.name}-${randomUUID()}.part`);
  const keep = existing !== undefined && (flags & OPEN_MODE.TRUNC) === 0;
  if (keep) await copyFile(real, temp);
  const { O_CREAT, O_EXCL, O_RDWR, O_NOFOLLOW } = constants;
  const file = await open(temp, keep ? O_RDWR | O_NOFOLLOW : O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  const upload = new UploadHandle(file, temp, real, virtual, ctx.limits);
  sftp.handle(reqId, newHandle(ctx, upload));
}

async function onOpen(ctx: SessionContext, reqId: number, path: string, flags: number): Promise<void> {
  const where = await resolveInSpace(ctx.dir, path);
  if (!where.ok) {
    ctx.audit({ action: 'open', file: path, result: 'refused', reason: where.reason });
    return ctx.sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
  }
  if (flags & OPEN_MODE.WRITE) return openUpload(ctx, reqId, where.real, where.virtual, flags);
  const entry = await lstat(where.real).catch(() => undefined);
  if (!entry?.isFile()) return ctx.sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
  const file = await open(where.real, constants.O_RDONLY | constants.O_NOFOLLOW);
  ctx.audit({ action: 'download', file: where.virtual, size: entry.size, result: 'ok' });
  ctx.sftp.handle(reqId, newHandle(ctx, { kind: 'read', file, virtual: where.virtual }));
}

async function onRead(ctx: SessionContext, reqId: number, id: Buffer, offset: number, length: number) {
  const h = ctx.handles.get(id.toString('hex'));
  if (h?.kind !== 'read') return ctx.sftp.status(reqId, STATUS_CODE.FAILURE, 'not open for reading');
  const buf = Buffer.allocUnsafe(Math.min(length, MAX_READ));
  const { bytesRead } = await h.file.read(buf, 0, buf.length, offset);
  if (bytesRead === 0) return ctx.sftp.status(reqId, STATUS_CODE.EOF);
  ctx.sftp.data(reqId, buf.subarray(0, bytesRead));
}

async function onWrite(ctx: SessionContext, reqId: number, id: Buffer, offset: number, data: Buffer) {
  const h = ctx.handles.get(id.toString('hex'));
  if (h?.kind !== 'upload') return ctx.sftp.status(reqId, STATUS_CODE.FAILURE, 'not open for writing');
  const already = h.refused;
  const refused = await h.write(offset, data);
  if (refused === undefined) return ctx.sftp.status(reqId, STATUS_CODE.OK);
  if (already === undefined)
    ctx.audit({ action: 'upload', file: h.virtual, result: 'refused', reason: refused });
  ctx.sftp.status(reqId, refusalStatus(refused), `upload refused: ${refused}`);
}

async function onClose(ctx: SessionContext, reqId: number, id: Buffer): Promise<void> {
  const key = id.toString('hex');
  const h = ctx.handles.get(key);
  ctx.handles.delete(key);
  if (h === undefined) return ctx.sftp.status(reqId, STATUS_CODE.FAILURE, 'unknown handle');
  if (h.kind === 'read') await h.file.close();
  if (h.kind !== 'upload') return ctx.sftp.status(reqId, STATUS_CODE.OK);
  const already = h.refused;
  const outcome = await h.finish();
  if (outcome.ok) {
    ctx.audit({
      action: outcome.sidecar ? 'upload-sidecar' : 'upload',
      file: h.virtual,
      size: outcome.size,
      sha256: outcome.sha256,
      result: 'ok',
    });
    return ctx.sftp.status(reqId, STATUS_CODE.OK);
  }
  if (already === undefined)
    ctx.audit({ action: 'upload', file: h.virtual, result: 'refused', reason: outcome.reason });
  ctx.sftp.status(reqId, refusalStatus(outcome.reason), `upload refused: ${outcome.reason}`);
}

/**
 * A policy refusal (plaintext, oversize) is PERMISSION_DENIED: sending the same file again cannot
 * succeed, and clients do not retry it; a failed write may be transient (FAILURE).
 */
function refusalStatus(reason: UploadRefusal): number {
  return reason === 'plaintext' || reason === 'oversize'
    ? STATUS_CODE.PERMISSION_DENIED
    : STATUS_CODE.FAILURE;
}

async function onFstat(ctx: SessionContext, reqId: number, id: Buffer): Promise<void> {
  const h = ctx.handles.get(id.toString('hex'));
  if (h === undefined || h.kind === 'dir') return ctx.sftp.status(reqId, STATUS_CODE.FAILURE);
  if (h.kind === 'read') return ctx.sftp.attrs(reqId, attrsOf(await h.file.stat()));
  ctx.sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED);
}

/** Register the file handlers on the session's SFTP channel. */
export function attachFileHandlers(
  ctx: SessionContext,
  guard: (reqId: number, work: Promise<void>) => void,
): void {
  const { sftp } = ctx;
  sftp.on('OPEN', (r, path, flags) => guard(r, onOpen(ctx, r, path, flags)));
  sftp.on('READ', (r, id, offset, length) => guard(r, onRead(ctx, r, id, offset, length)));
  sftp.on('WRITE', (r, id, offset, data) => guard(r, onWrite(ctx, r, id, offset, data)));
  sftp.on('CLOSE', (r, id) => guard(r, onClose(ctx, r, id)));
  sftp.on('FSTAT', (r, id) => guard(r, onFstat(ctx, r, id)));
}
