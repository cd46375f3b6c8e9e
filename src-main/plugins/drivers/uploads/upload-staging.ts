import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DriverSetMetadata } from '../../../../src-shared/plugins/drivers/driver-set';
import { setPathProblem } from '../../../../src-shared/plugins/drivers/set-manifest';
import { UPLOAD_CHUNK_BYTES, UPLOAD_IDLE_MS, type UploadSource } from '../../../../src-shared/plugins/drivers/sets.contract';

/**
 * Uploads in progress: the chunks of a zip, or of a folder's files, written to a private
 * temporary folder on the console until finishUpload reads them. Each chunk must start where
 * the last one of its file ended (a resend after a lost answer is told the offset to resume
 * from); sizes are held to what beginUpload announced. An upload idle for UPLOAD_IDLE_MS goes,
 * with its folder.
 */

export interface StagedUpload {
  id: string;
  storeId: number;
  metadata: DriverSetMetadata;
  source: UploadSource;
  dir: string;
  /** Bytes received per path (a zip: the one path "upload.zip"). */
  received: Map<string, number>;
  total: number;
  touchedAt: number;
  by: string | null;
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'invalid-argument',
  ) {
    super(message);
  }
}

export const ZIP_NAME = 'upload.zip';

export class UploadStaging {
  private readonly uploads = new Map<string, StagedUpload>();

  constructor(private readonly now: () => number) {}

  async begin(storeId: number, metadata: DriverSetMetadata, source: UploadSource, by: string | null): Promise<StagedUpload> {
    await this.sweep();
    const dir = await mkdtemp(join(tmpdir(), 'printdeck-driver-upload-'));
    const upload: StagedUpload = { id: randomUUID(), storeId, metadata, source, dir, received: new Map(), total: 0, touchedAt: this.now(), by };
    this.uploads.set(upload.id, upload);
    return upload;
  }

  get(id: string): StagedUpload {
    const upload = this.uploads.get(id);
    if (!upload || this.now() - upload.touchedAt > UPLOAD_IDLE_MS) throw new UploadError(`no upload ${id} (unknown, finished, cancelled, or idle for more than ${UPLOAD_IDLE_MS / 60_000} minutes): start it again`, 'not-found');
    return upload;
  }

  /** Appends a chunk; returns what its file (or the zip) and the whole upload hold now. */
  async chunk(id: string, path: string | undefined, offset: number, content: string): Promise<{ received: number; total: number }> {
    const upload = this.get(id);
    const bytes = Buffer.from(content, 'base64');
    if (bytes.length > UPLOAD_CHUNK_BYTES) throw new UploadError(`content: a chunk holds at most ${UPLOAD_CHUNK_BYTES} bytes`, 'invalid-argument');
    let name: string;
    if (upload.source.kind === 'zip') {
      if (path !== undefined) throw new UploadError('path: a zip upload sends its bytes without a path', 'invalid-argument');
      name = ZIP_NAME;
    } else {
      if (path === undefined) throw new UploadError("path: a folder upload names each chunk's file (its path inside the set)", 'invalid-argument');
      const problem = setPathProblem(path);
      if (problem) throw new UploadError(`path "${path}": ${problem}`, 'invalid-argument');
      name = join('files', ...path.split('/'));
      if (!upload.received.has(name) && upload.received.size >= upload.source.files) throw new UploadError(`path "${path}": more files than the ${upload.source.files} announced`, 'invalid-argument');
      if ([...upload.received.keys()].some((p) => p !== name && p.toLowerCase() === name.toLowerCase())) throw new UploadError(`path "${path}": another file differs from it only in case (Windows would not tell them apart)`, 'invalid-argument');
    }
    const have = upload.received.get(name) ?? 0;
    if (offset !== have) throw new UploadError(`offset: ${offset} where ${have} was expected for ${path ?? 'the zip'} — resend from ${have}`, 'invalid-argument');
    if (upload.total + bytes.length > upload.source.bytes) throw new UploadError(`content: more than the ${upload.source.bytes} bytes announced`, 'invalid-argument');
    const file = join(upload.dir, name);
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, bytes);
    upload.received.set(name, have + bytes.length);
    upload.total += bytes.length;
    upload.touchedAt = this.now();
    return { received: have + bytes.length, total: upload.total };
  }

  /** Whether everything announced arrived; the reason otherwise. */
  async complete(upload: StagedUpload): Promise<string | null> {
    if (upload.total !== upload.source.bytes) return `${upload.total} of the ${upload.source.bytes} bytes announced arrived`;
    if (upload.source.kind === 'folder') {
      if (upload.received.size !== upload.source.files) return `${upload.received.size} of the ${upload.source.files} files announced arrived`;
    } else if ((await stat(join(upload.dir, ZIP_NAME)).catch(() => null)) === null) return 'the zip did not arrive';
    return null;
  }

  async drop(id: string): Promise<void> {
    const upload = this.uploads.get(id);
    this.uploads.delete(id);
    if (upload) await rm(upload.dir, { recursive: true, force: true });
  }

  /** Drops idle uploads (at each begin and at dispose). */
  async sweep(all = false): Promise<void> {
    for (const upload of [...this.uploads.values()]) if (all || this.now() - upload.touchedAt > UPLOAD_IDLE_MS) await this.drop(upload.id);
  }
}
