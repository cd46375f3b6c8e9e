import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverSet } from '../../../../src-shared/plugins/drivers/driver-set';
import type { SetManifest } from '../../../../src-shared/plugins/drivers/set-manifest';
import type { SetsRepository } from '../store/sets.repository';
import { readStoredSet } from '../store-files/set-download';
import type { StoresService } from '../stores.service';

/** How long the links in an installer script work (the script is run soon after it is downloaded). */
export const LINK_LIFETIME_MS = 60 * 60 * 1000;

/** A set's files, read from its store once, every file checked against the manifest, kept in a private folder. */
export interface LocalSet {
  dir: string;
  manifest: SetManifest;
}

/**
 * The files an installer script fetches. A script runs in a terminal without the visitor's
 * session, so its links carry a signature (HMAC-SHA256 with a key made at start-up) naming the
 * set and an expiry: `<setId>.<expiresAt>.<signature>`. The console reads a set from its FTP
 * store once (verified like every consumer, `readStoredSet`) and serves it from a private
 * folder: a crowd fetching the same driver costs one FTP read, and no store address or
 * password reaches a visitor.
 */
export class PullFiles {
  private readonly key = randomBytes(32);
  private root: Promise<string> | null = null;
  private readonly sets = new Map<string, Promise<LocalSet>>();

  constructor(
    private readonly stores: StoresService,
    private readonly setsRepository: SetsRepository,
    private readonly now: () => number,
  ) {}

  token(setId: number): { token: string; expiresAt: number } {
    const expiresAt = this.now() + LINK_LIFETIME_MS;
    return { token: `${setId}.${expiresAt}.${this.sign(setId, expiresAt)}`, expiresAt };
  }

  /** The set a token names, or why it is refused. */
  checkToken(token: string): { setId: number } | { refused: string } {
    const match = /^(\d{1,12})\.(\d{1,15})\.([0-9a-f]{64})$/.exec(token);
    if (!match) return { refused: 'not a Printdeck download link' };
    const setId = Number(match[1]);
    const expiresAt = Number(match[2]);
    const given = Buffer.from(match[3] ?? '', 'hex');
    const expected = Buffer.from(this.sign(setId, expiresAt), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { refused: 'the link is not one this console made (or the console was restarted since): download the installer again' };
    if (this.now() > expiresAt) return { refused: 'the link has expired: download the installer again from the pull page' };
    return { setId };
  }

  /** The set, read from its store and verified (once per manifest); throws SetRefused or the store's error. */
  async local(set: DriverSet): Promise<LocalSet> {
    if (set.storeId === null || set.folder === null) throw new RangeError(`the set "${set.name}" has no files`);
    const cacheKey = `${set.id}:${set.manifestSha256 ?? set.folder}`;
    let pending = this.sets.get(cacheKey);
    if (pending === undefined) {
      pending = this.read(set, set.storeId, set.folder);
      this.sets.set(cacheKey, pending);
      pending.catch(() => this.sets.delete(cacheKey));
    }
    return pending;
  }

  set(id: number): DriverSet | null {
    return this.setsRepository.get(id);
  }

  /** Removes the private folder (the plug-in's files go with the console). */
  async close(): Promise<void> {
    const root = this.root;
    this.root = null;
    this.sets.clear();
    if (root !== null) await rm(await root, { recursive: true, force: true });
  }

  private async read(set: DriverSet, storeId: number, folder: string): Promise<LocalSet> {
    this.root ??= mkdtemp(join(tmpdir(), 'printdeck-pull-'));
    const dir = join(await this.root, `set-${set.id}-${(set.manifestSha256 ?? 'x').slice(0, 16)}`);
    await rm(dir, { recursive: true, force: true });
    const { target } = this.stores.target(storeId);
    const read = await readStoredSet(target, folder, { into: dir, manifestSha256: set.manifestSha256 });
    return { dir, manifest: read.manifest };
  }

  private sign(setId: number, expiresAt: number): string {
    return createHmac('sha256', this.key).update(`pull-file:${setId}:${expiresAt}`).digest('hex');
  }
}
