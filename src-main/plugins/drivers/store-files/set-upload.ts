import { createReadStream } from 'node:fs';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { MANIFEST_FILE, manifestText, type SetManifest } from '../../../../src-shared/plugins/drivers/set-manifest';
import { withStore, type StoreTarget } from './ftp-session';
import { sha256Of } from './hashing';

/**
 * Writes a driver set to its folder on the store: every file, then manifest.json last, so a
 * set whose upload broke off has no manifest and every consumer refuses it. A failed upload
 * removes what it wrote (when the server still lets it).
 */

/** Uploads the files of `manifest` from `localDir` into `folder` (below the store's directory); returns the manifest's SHA-256. */
export async function writeSetToStore(target: StoreTarget, folder: string, localDir: string, manifest: SetManifest): Promise<{ manifestSha256: string }> {
  return withStore(target, async (session) => {
    const base = session.path(folder);
    try {
      const dirs = new Set([base, ...manifest.files.map((f) => posix.dirname(posix.join(base, f.path)))]);
      for (const dir of [...dirs].sort()) await session.ensureDir(dir);
      for (const file of manifest.files) await session.upload(createReadStream(join(localDir, ...file.path.split('/'))), posix.join(base, file.path));
      const text = manifestText(manifest);
      await session.upload(Readable.from([Buffer.from(text, 'utf8')]), posix.join(base, MANIFEST_FILE));
      return { manifestSha256: sha256Of(text) };
    } catch (error) {
      await session.removeTree(base).catch(() => undefined);
      throw error;
    }
  });
}

/** Deletes a set's folder on the store. */
export async function removeSetFromStore(target: StoreTarget, folder: string): Promise<void> {
  await withStore(target, (session) => session.removeTree(session.path(folder)));
}
