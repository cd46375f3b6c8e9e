import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { DriverSetMetadata } from '../../../src-shared/plugins/drivers/driver-set';
import { MANIFEST_FORMAT, type ManifestFile, type SetManifest } from '../../../src-shared/plugins/drivers/set-manifest';
import type { DetectedSet } from './metadata/set-metadata';
import { digestStream } from './store-files/hashing';

/** Sizes and SHA-256 of a set's local files, in path order. */
export async function digestFiles(dir: string, paths: readonly string[]): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const path of [...paths].sort()) {
    const digest = digestStream();
    await pipeline(createReadStream(join(dir, ...path.split('/'))), digest.stream, new Writable({ write: (_c, _e, callback) => callback() }));
    files.push({ path, ...digest.digest() });
  }
  return files;
}

export function buildManifest(metadata: DriverSetMetadata, detected: DetectedSet, files: ManifestFile[], at: number): SetManifest {
  return {
    format: MANIFEST_FORMAT,
    name: metadata.name,
    os: metadata.os,
    arch: metadata.arch,
    kind: detected.kind,
    version: detected.version,
    driverName: detected.driverName,
    entryFile: detected.entryFile,
    createdAt: new Date(at).toISOString(),
    files,
  };
}

/** The set's folder on the store: "sets/<name as letters and digits>-<random>", unique without asking the server. */
export function setFolder(name: string, random: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 48);
  return `sets/${slug || 'set'}-${random}`;
}
