import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DriverSet } from '../../../src-shared/plugins/drivers/driver-set';
import { SETS_FUNCTION } from '../../../src-shared/plugins/drivers/drivers-ids';
import { UPLOAD_CHUNK_BYTES, UPLOAD_IDLE_MS, UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES, type SetsContract } from '../../../src-shared/plugins/drivers/sets.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { CallContext, ServiceImpl } from '../../../src-shared/rpc/contract-builder';
import type { PluginHost } from '../../plugin-api/plugin-host';
import { detectSet, SetProblem, type DetectedSet } from './metadata/set-metadata';
import { buildManifest, digestFiles, setFolder } from './set-files';
import { DriversConflict } from './store/stores.repository';
import type { SetsRepository } from './store/sets.repository';
import type { StoresService } from './stores.service';
import { ftpFailure } from './store-files/ftp-wording';
import { readStoredSet, SetRefused } from './store-files/set-download';
import { removeSetFromStore, writeSetToStore } from './store-files/set-upload';
import { extractZip } from './uploads/zip-extract';
import { UploadError, ZIP_NAME, type UploadStaging } from './uploads/upload-staging';

type SetsImpl = ServiceImpl<SetsContract>;

/** Driver sets: chunked uploads to a store with their SHA-256 manifest, driverless sets, list, delete, verify. */
export class SetsService implements SetsImpl {
  constructor(
    private readonly host: PluginHost,
    private readonly sets: SetsRepository,
    private readonly stores: StoresService,
    private readonly staging: UploadStaging,
  ) {}

  list: SetsImpl['list'] = ({ os }) => ({ sets: this.sets.list(os) });

  beginUpload: SetsImpl['beginUpload'] = async ({ storeId, metadata, source }, context) => {
    if (metadata.kind === 'driverless') throw new AppError('invalid-argument', 'metadata.kind: a driverless set has no files — create it with createDriverless', { field: 'metadata.kind' });
    if (this.sets.byName(metadata.name)) throw new AppError('conflict', `a driver set named "${metadata.name}" exists already`);
    const store = this.chooseStore(storeId);
    const upload = await this.staging.begin(store, metadata, source, who(context));
    return { uploadId: upload.id, chunkBytes: UPLOAD_CHUNK_BYTES, expiresAt: upload.touchedAt + UPLOAD_IDLE_MS };
  };

  uploadChunk: SetsImpl['uploadChunk'] = ({ uploadId, path, offset, content }) => this.uploads(() => this.staging.chunk(uploadId, path, offset, content));

  finishUpload: SetsImpl['finishUpload'] = async ({ uploadId }, context) => {
    const upload = await this.uploads(async () => this.staging.get(uploadId));
    const missing = await this.staging.complete(upload);
    if (missing) throw new AppError('invalid-argument', `the upload is not complete: ${missing}`);
    const filesDir = join(upload.dir, 'files');
    let paths: string[];
    let detected: DetectedSet;
    try {
      // A zip is unpacked afresh each time (finishUpload may be called again after the store was away).
      if (upload.source.kind === 'zip') await rm(filesDir, { recursive: true, force: true });
      paths = upload.source.kind === 'zip' ? await extractZip(join(upload.dir, ZIP_NAME), filesDir, { maxFiles: UPLOAD_MAX_FILES, maxBytes: UPLOAD_MAX_BYTES }) : [...upload.received.keys()].map((p) => p.split(/[\\/]/).slice(1).join('/'));
      detected = await detectSet(filesDir, paths, upload.metadata);
    } catch (error) {
      // Bad files do not get better: the upload goes, and the caller sends corrected ones.
      await this.staging.drop(uploadId);
      if (error instanceof SetProblem) throw new AppError('invalid-argument', error.message);
      throw error;
    }
    if (this.sets.byName(upload.metadata.name)) {
      await this.staging.drop(uploadId);
      throw new AppError('conflict', `a driver set named "${upload.metadata.name}" exists already`);
    }
    const now = this.host.now();
    const files = await digestFiles(filesDir, paths);
    const manifest = buildManifest(upload.metadata, detected, files, now);
    const { store, target } = this.stores.target(upload.storeId);
    const folder = setFolder(upload.metadata.name, randomBytes(4).toString('hex'));
    let manifestSha256: string;
    try {
      ({ manifestSha256 } = await writeSetToStore(target, folder, filesDir, manifest));
    } catch (error) {
      // The store may be back in a moment: the upload stays so that finishUpload can be called again.
      throw new AppError('device-unreachable', ftpFailure(error, target, `write the set to the store "${store.settings.name}"`));
    }
    const bytes = files.reduce((sum, f) => sum + f.size, 0);
    let id: number;
    try {
      id = this.sets.create(
        { name: upload.metadata.name, description: upload.metadata.description, os: upload.metadata.os, arch: upload.metadata.arch, kind: detected.kind, version: detected.version, driverName: detected.driverName, models: detected.models, entryFile: detected.entryFile, storeId: upload.storeId, folder, files: files.length, bytes, manifestSha256 },
        upload.by ?? who(context),
        now,
      );
    } catch (error) {
      await removeSetFromStore(target, folder).catch(() => undefined);
      await this.staging.drop(uploadId);
      if (error instanceof DriversConflict) throw new AppError('conflict', error.message);
      throw error;
    }
    await this.staging.drop(uploadId);
    this.changed([id]);
    return { set: this.set(id), warnings: detected.warnings };
  };

  cancelUpload: SetsImpl['cancelUpload'] = async ({ uploadId }) => {
    await this.staging.drop(uploadId);
    return {};
  };

  createDriverless: SetsImpl['createDriverless'] = ({ name, os, description }, context) => {
    const driverName = os === 'windows' ? 'Microsoft IPP Class Driver' : 'everywhere';
    try {
      const id = this.sets.create({ name, description, os, arch: 'any', kind: 'driverless', version: '', driverName, models: [], entryFile: null, storeId: null, folder: null, files: 0, bytes: 0, manifestSha256: null }, who(context), this.host.now());
      this.changed([id]);
      return this.set(id);
    } catch (error) {
      if (error instanceof DriversConflict) throw new AppError('conflict', error.message);
      throw error;
    }
  };

  remove: SetsImpl['remove'] = async ({ id }) => {
    const set = this.sets.get(id);
    if (!set) return { removedFromStore: false, message: `no driver set ${id}: nothing to delete` };
    const users = this.sets.usedBy(id);
    if (users.length > 0) throw new AppError('conflict', `the set is used by ${users.length} association${users.length === 1 ? '' : 's'} (${users.slice(0, 5).join(', ')}): change or delete them first`);
    let removedFromStore = false;
    let message = `Deleted the driverless set "${set.name}".`;
    if (set.storeId !== null && set.folder !== null) {
      const { store, target } = this.stores.target(set.storeId);
      try {
        await removeSetFromStore(target, set.folder);
        removedFromStore = true;
        message = `Deleted "${set.name}" and its folder ${set.folder} on the store "${store.settings.name}".`;
      } catch (error) {
        message = `Deleted "${set.name}"; its folder ${set.folder} is left on the store "${store.settings.name}": ${ftpFailure(error, target, 'delete it')}`;
      }
    }
    this.sets.remove(id);
    this.changed([id]);
    return { removedFromStore, message };
  };

  verify: SetsImpl['verify'] = async ({ id }) => {
    const set = this.set(id);
    if (set.storeId === null || set.folder === null) return { ok: true, files: 0, bytes: 0, problems: [] };
    const { store, target } = this.stores.target(set.storeId);
    try {
      const read = await readStoredSet(target, set.folder, { manifestSha256: set.manifestSha256 });
      return { ok: true, files: read.files, bytes: read.bytes, problems: [] };
    } catch (error) {
      if (error instanceof SetRefused) return { ok: false, files: set.files, bytes: set.bytes, problems: [error.message] };
      throw new AppError('device-unreachable', ftpFailure(error, target, `read the set from the store "${store.settings.name}"`));
    }
  };

  set(id: number): DriverSet {
    const set = this.sets.get(id);
    if (!set) throw new AppError('not-found', `no driver set ${id}`);
    return set;
  }

  private chooseStore(storeId: number | undefined): number {
    if (storeId !== undefined) return this.stores.target(storeId).store.id;
    const stores = this.stores.all();
    const [only] = stores;
    if (!only) throw new AppError('invalid-argument', 'storeId: no driver store is set up — add one (an FTP server) first', { field: 'storeId' });
    if (stores.length > 1) throw new AppError('invalid-argument', `storeId: choose the store — there are ${stores.length} (${stores.map((s) => s.settings.name).join(', ')})`, { field: 'storeId' });
    return only.id;
  }

  private async uploads<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UploadError) throw new AppError(error.code, error.message);
      throw error;
    }
  }

  private changed(ids: number[]): void {
    this.host.emitData('sets', SETS_FUNCTION, ids);
  }
}

function who(context: CallContext): string | null {
  return context.caller?.userName ?? null;
}
