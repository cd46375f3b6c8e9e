import type { DriverSetMetadataInput } from '../../../../src-shared/plugins/drivers/driver-set';
import { fileToBase64 } from '../../../ui/download-file';
import type { DriversApi } from '../drivers-api';

/** What was picked: a zip, or a folder's files with their paths inside the folder. */
export type PickedSource = { kind: 'zip'; file: File } | { kind: 'folder'; files: readonly { path: string; file: File }[] };

export interface UploadProgress {
  sent: number;
  total: number;
  /** The file being sent (a folder's), or the zip's name. */
  file: string;
  phase: 'sending' | 'finishing';
}

/**
 * A folder picked with <input webkitdirectory> as the set's files: each file's path below the
 * folder chosen ("HP/x64/a.inf" → "x64/a.inf"; the server drops a zip's single top folder the
 * same way), "/" between folders.
 */
export function folderFiles(files: Iterable<File>): { path: string; file: File }[] {
  return [...files].map((file) => {
    const relative = (file.webkitRelativePath || file.name).split('/');
    return { path: relative.length > 1 ? relative.slice(1).join('/') : relative.join('/'), file };
  });
}

/** The byte ranges a file is sent in ([0, 0] once for an empty file: the server records it). */
export function chunkRanges(size: number, chunkBytes: number): [number, number][] {
  if (size === 0) return [[0, 0]];
  const ranges: [number, number][] = [];
  for (let start = 0; start < size; start += chunkBytes) ranges.push([start, Math.min(size, start + chunkBytes)]);
  return ranges;
}

/**
 * Sends a set's bytes as the console's other clients do (printdeck drivers upload): beginUpload,
 * then chunks of the size the server names; returns the upload to finish (finishUpload reads the
 * metadata back). A failure while sending cancels the upload, so nothing is left half-sent; a
 * failed finish keeps it (the store may be back in a moment: finish again).
 */
export async function sendSet(api: DriversApi, input: { storeId: number | undefined; metadata: DriverSetMetadataInput; source: PickedSource }, onProgress: (progress: UploadProgress) => void): Promise<string> {
  const { source } = input;
  const items = source.kind === 'zip' ? [{ path: undefined, name: source.file.name, file: source.file }] : source.files.map((f) => ({ path: f.path, name: f.path, file: f.file }));
  const total = items.reduce((sum, item) => sum + item.file.size, 0);
  const begun = await api.sets.beginUpload({
    storeId: input.storeId,
    metadata: input.metadata,
    source: source.kind === 'zip' ? { kind: 'zip', fileName: source.file.name, bytes: total } : { kind: 'folder', files: items.length, bytes: total },
  });
  let sent = 0;
  try {
    for (const item of items) {
      for (const [start, end] of chunkRanges(item.file.size, begun.chunkBytes)) {
        onProgress({ sent, total, file: item.name, phase: 'sending' });
        const content = await fileToBase64(item.file.slice(start, end));
        await api.sets.uploadChunk({ uploadId: begun.uploadId, path: item.path, offset: start, content });
        sent += end - start;
      }
    }
  } catch (error) {
    await api.sets.cancelUpload({ uploadId: begun.uploadId }).catch(() => undefined);
    throw error;
  }
  onProgress({ sent, total, file: '', phase: 'finishing' });
  return begun.uploadId;
}
