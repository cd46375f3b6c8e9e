import { z } from 'zod';
import { DRIVER_ARCHES, DRIVER_KINDS, DRIVER_OSES } from './driver-set';
import { noControl } from './text-checks';

/**
 * manifest.json, written beside a driver set's files in its folder on the store: every file
 * with its size and SHA-256. Every consumer (the console, the agent, the pull page's installer)
 * checks every file it reads against it and refuses a set whose file differs, naming the file.
 * Pure: the caller computes the digests (node:crypto on the console and the agent).
 */

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'printdeck-driver-set/1';

const MAX_PATH = 400;

/**
 * Why a path inside a set is unsafe or unusable, or null when it is fine: relative, "/"
 * separated, no "." or ".." part (a zip's "../" would write outside the set's folder), no
 * backslash, drive letter or control character, and not the manifest's own name at the top.
 */
export function setPathProblem(path: string): string | null {
  if (path === '') return 'an empty file name';
  if (path.length > MAX_PATH) return `a path longer than ${MAX_PATH} characters`;
  if (path.startsWith('/')) return 'an absolute path (it must be relative to the set)';
  if (path.includes('\\')) return 'a backslash in the path (use "/" between folders)';
  if (/^[A-Za-z]:/.test(path)) return 'a drive letter in the path';
  if (!noControl(path)) return 'a control character in the path';
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return 'an empty, "." or ".." part in the path';
  if (path.toLowerCase() === MANIFEST_FILE) return `a file named ${MANIFEST_FILE} at the top of the set (that name is the manifest's)`;
  return null;
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest is 64 lower-case hex digits');

export const manifestFileSchema = z.object({
  path: z.string().superRefine((path, ctx) => {
    const problem = setPathProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  size: z.number().int().min(0),
  sha256: sha256Hex,
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const setManifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    name: z.string(),
    os: z.enum(DRIVER_OSES),
    arch: z.enum(DRIVER_ARCHES),
    kind: z.enum(DRIVER_KINDS),
    version: z.string(),
    driverName: z.string(),
    entryFile: z.string().nullable(),
    /** ISO 8601. */
    createdAt: z.string(),
    files: z.array(manifestFileSchema),
  })
  .refine((m) => new Set(m.files.map((f) => f.path.toLowerCase())).size === m.files.length, 'the manifest names a file twice')
  .refine((m) => m.entryFile === null || m.files.some((f) => f.path === m.entryFile), 'the manifest’s entry file is not among its files');
export type SetManifest = z.infer<typeof setManifestSchema>;

/** The manifest's text as written to the store (stable key order, one file a line for people reading it). */
export function manifestText(manifest: SetManifest): string {
  const { files, ...head } = manifest;
  const lines = files.map((f) => `    ${JSON.stringify({ path: f.path, size: f.size, sha256: f.sha256 })}`);
  const top = JSON.stringify(head, null, 2).slice(0, -2);
  return `${top},\n  "files": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** Reads manifest.json's text; throws an Error saying what is wrong with it. */
export function parseManifest(text: string): SetManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${MANIFEST_FILE} is not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const parsed = setManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new Error(`${MANIFEST_FILE} is not a Printdeck driver set manifest${where}: ${issue?.message ?? 'unreadable'}`);
  }
  return parsed.data;
}

/** A file as read: its size and its SHA-256 (hex). */
export interface FileDigest {
  size: number;
  sha256: string;
}

/** What is wrong with one file read against its manifest entry, or null when it matches. */
export function fileMismatch(entry: ManifestFile, read: FileDigest | null): string | null {
  if (read === null) return `${entry.path}: missing on the store`;
  if (read.size !== entry.size) return `${entry.path}: ${read.size} bytes where the manifest says ${entry.size} — corrupted or altered, refused`;
  if (read.sha256.toLowerCase() !== entry.sha256) return `${entry.path}: SHA-256 ${read.sha256.slice(0, 12)}… where the manifest says ${entry.sha256.slice(0, 12)}… — corrupted or altered, refused`;
  return null;
}

/** Every problem of a set read against its manifest (empty: every file matches). `read` maps a manifest path to what was read. */
export function verifySet(manifest: SetManifest, read: ReadonlyMap<string, FileDigest>): string[] {
  return manifest.files.map((entry) => fileMismatch(entry, read.get(entry.path) ?? null)).filter((p): p is string => p !== null);
}
