import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileMismatch, MANIFEST_FILE, parseManifest, type SetManifest } from '../../../../src-shared/plugins/drivers/set-manifest';
import { collector } from './ftp-active';
import { withStore, type StoreSession, type StoreTarget } from './ftp-session';
import { digestStream, sha256Of } from './hashing';

/**
 * Reads a driver set from its store and checks every file against manifest.json (size and
 * SHA-256) — the one check every consumer makes (the console's "verify", the agent before it
 * installs). A file that differs is refused by name and nothing of it is kept. No console
 * dependency: the agent imports this file.
 */

/** A set refused: `file` is the path inside the set (or manifest.json) that is wrong. */
export class SetRefused extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'SetRefused';
  }
}

/** A file of the set is not where its source looked (FTP 550, HTTP 404). */
export class FileMissing extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileMissing';
  }
}

/**
 * Where a set's files come from, by their path inside the set ("manifest.json", "x64/a.inf"):
 * the store over FTP (the console, the pull page) or the console over HTTPS (the agent, which
 * gets no store password). A missing file rejects with FileMissing (or FTP's code 550).
 */
export interface SetSource {
  /** Names the set's place in messages ("sets/acme-1a2b3c4d on the store", "the console"). */
  readonly where: string;
  download(path: string, sink: Writable): Promise<void>;
}

const isMissing = (error: unknown): boolean => error instanceof FileMissing || (error as { code?: unknown }).code === 550;

/** The set in `folder` below the store's directory, read over an open FTP session. */
export function storeSource(session: StoreSession, folder: string): SetSource {
  return { where: folder, download: (path, sink) => session.download(session.path(`${folder}/${path}`), sink) };
}

export interface ReadSetOptions {
  /** Where to write the files (created); left out, the files are only checked. */
  into?: string;
  /** The manifest's SHA-256 as the console recorded it at upload: a manifest rewritten on the server is refused too. */
  manifestSha256?: string | null;
}

export interface ReadSetResult {
  manifest: SetManifest;
  files: number;
  bytes: number;
}

const MAX_MANIFEST = 8 * 1024 * 1024;

/** Reads the set in `folder` (below the store's directory) over one connection; throws SetRefused for a corrupted or altered file, the FTP error otherwise. */
export async function readStoredSet(target: StoreTarget, folder: string, options: ReadSetOptions = {}): Promise<ReadSetResult> {
  return withStore(target, (session) => readSetIn(session, folder, options));
}

export function readSetIn(session: StoreSession, folder: string, options: ReadSetOptions = {}): Promise<ReadSetResult> {
  return readSetFrom(storeSource(session, folder), options);
}

/** Reads and checks a set from `source`: the manifest (against its recorded SHA-256), then every file it lists (size and SHA-256). */
export async function readSetFrom(source: SetSource, options: ReadSetOptions = {}): Promise<ReadSetResult> {
  const manifest = await readManifest(source, options.manifestSha256 ?? null);
  let bytes = 0;
  for (const entry of manifest.files) {
    const digest = digestStream();
    const destination = options.into === undefined ? null : join(options.into, ...entry.path.split('/'));
    if (destination !== null) await mkdir(dirname(destination), { recursive: true });
    const sink = destination === null ? discard() : createWriteStream(destination);
    try {
      await downloadThrough(source, entry.path, [digest.stream, limit(entry.size, entry.path)], sink);
    } catch (error) {
      if (destination !== null) await rm(destination, { force: true });
      if (error instanceof SetRefused) throw error;
      if (isMissing(error)) throw new SetRefused(`${entry.path}: missing on the store (${(error as Error).message})`, entry.path);
      throw error;
    }
    const problem = fileMismatch(entry, digest.digest());
    if (problem !== null) {
      if (destination !== null) await rm(destination, { force: true });
      throw new SetRefused(problem, entry.path);
    }
    bytes += entry.size;
  }
  return { manifest, files: manifest.files.length, bytes };
}

async function readManifest(source: SetSource, expected: string | null): Promise<SetManifest> {
  const text = collector(MAX_MANIFEST);
  try {
    await source.download(MANIFEST_FILE, text.sink);
  } catch (error) {
    if (isMissing(error)) throw new SetRefused(`${MANIFEST_FILE} is missing in ${source.where} on the store: the set is incomplete (an upload that did not finish) or was removed`, MANIFEST_FILE);
    throw error;
  }
  const body = text.text();
  if (expected !== null && sha256Of(body) !== expected) throw new SetRefused(`${MANIFEST_FILE}: its SHA-256 differs from the one recorded when the set was uploaded — altered on the server, refused`, MANIFEST_FILE);
  try {
    return parseManifest(body);
  } catch (error) {
    throw new SetRefused(error instanceof Error ? error.message : String(error), MANIFEST_FILE);
  }
}

/** Fails as soon as a file grows past its manifest size (a replaced file cannot fill the disk). */
function limit(size: number, path: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > size) return callback(new SetRefused(`${path}: larger than the ${size} bytes the manifest says — corrupted or altered, refused`, path));
      callback(null, chunk);
    },
  });
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

/** Downloads `path` through `stages` into `sink`; a stage's own error (SetRefused) wins over the transfer's "premature close". */
async function downloadThrough(source: SetSource, path: string, stages: Transform[], sink: Writable): Promise<void> {
  const entry = new PassThrough();
  const results = await Promise.allSettled([pipeline([entry, ...stages, sink]), source.download(path, entry)]);
  const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && r.reason instanceof SetRefused);
  const failed = refused ?? results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
