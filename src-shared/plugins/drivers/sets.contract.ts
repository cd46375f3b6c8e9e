import { z } from 'zod';
import { change, view } from '../../auth/access';
import { method } from '../../rpc/contract-builder';
import { DRIVER_OSES, driverSetMetadataSchema, driverSetNameSchema, driverSetSchema } from './driver-set';
import { SETS_FUNCTION } from './drivers-ids';

/**
 * Driver sets ("drivers.sets.*"). Files reach the console in chunks: beginUpload says what is
 * coming (a zip, or a folder's files), uploadChunk sends up to UPLOAD_CHUNK_BYTES at a time
 * (base64 in `content`, which the system log keeps by its size only), finishUpload reads the
 * metadata from the INF or PPD, writes the set and its SHA-256 manifest to the store and saves
 * it. Nothing reaches the store or the list before finishUpload succeeds.
 */
const id = z.number().int().positive();

/** Bytes per chunk, decoded (base64 makes 4/3 of it on the wire). */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;
/** A set's files together (a zip: the zip itself), at most. */
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024 * 1024;
export const UPLOAD_MAX_FILES = 20_000;
/** An upload not sent to for this long is dropped with what it received. */
export const UPLOAD_IDLE_MS = 30 * 60 * 1000;

export const uploadSourceSchema = z.discriminatedUnion('kind', [
  /** A zip file: its bytes are sent as one stream (no path on the chunks). */
  z.object({ kind: z.literal('zip'), fileName: z.string().max(255), bytes: z.number().int().min(1).max(UPLOAD_MAX_BYTES) }),
  /** A folder's files: each chunk names its file's path inside the set ("x64/prnhp001.inf"). */
  z.object({ kind: z.literal('folder'), files: z.number().int().min(1).max(UPLOAD_MAX_FILES), bytes: z.number().int().min(0).max(UPLOAD_MAX_BYTES) }),
]);
export type UploadSource = z.infer<typeof uploadSourceSchema>;

export const setVerifyResultSchema = z.object({
  ok: z.boolean(),
  files: z.number().int(),
  bytes: z.number().int(),
  /** Each file that differs from the manifest, by name, and why. */
  problems: z.array(z.string()),
});

export const setsContract = {
  list: method(z.object({ os: z.enum(DRIVER_OSES).optional() }), z.object({ sets: z.array(driverSetSchema) }), 'Every driver set by name (of one OS when given).', view(SETS_FUNCTION)),
  beginUpload: method(
    z.object({ storeId: id.optional(), metadata: driverSetMetadataSchema, source: uploadSourceSchema }),
    z.object({ uploadId: z.string(), chunkBytes: z.number().int(), expiresAt: z.number() }),
    "Starts an upload: checks the name is free, the store exists (left out: the only store) and the size is within limits; 'conflict', 'not-found', 'invalid-argument'.",
    change(SETS_FUNCTION),
  ),
  uploadChunk: method(
    z.object({
      uploadId: z.string().max(64),
      /** Folder uploads: the file's path inside the set, "/" between folders. */
      path: z.string().max(400).optional(),
      /** Where this chunk starts in its file (zip: in the zip); must be what was received so far. */
      offset: z.number().int().min(0),
      /** The chunk, base64 (at most UPLOAD_CHUNK_BYTES decoded). */
      content: z.string().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4),
    }),
    z.object({ received: z.number().int(), total: z.number().int() }),
    "Appends a chunk. A chunk at the wrong offset is refused saying which offset is expected (resend from there); 'not-found' for an unknown or expired upload.",
    change(SETS_FUNCTION),
  ),
  finishUpload: method(
    z.object({ uploadId: z.string().max(64) }),
    z.object({ set: driverSetSchema, warnings: z.array(z.string()) }),
    "Reads the files (unpacks the zip, refusing paths that leave the set), detects kind, driver name and version from the INF or PPD, writes the files and manifest.json to the store, and saves the set. Any problem saves nothing: 'invalid-argument' naming the file, 'device-unreachable' when the store cannot be reached.",
    change(SETS_FUNCTION),
  ),
  cancelUpload: method(z.object({ uploadId: z.string().max(64) }), z.object({}), 'Drops an upload and what it received; an unknown id is no error.', change(SETS_FUNCTION)),
  createDriverless: method(
    z.object({ name: driverSetNameSchema, os: z.enum(DRIVER_OSES), description: z.string().trim().max(300).default('') }),
    driverSetSchema,
    "A driverless set (no files): IPP Everywhere on macOS and Linux (lpadmin -m everywhere), the Microsoft IPP class driver on Windows. 'conflict' when the name is taken.",
    change(SETS_FUNCTION),
  ),
  remove: method(
    z.object({ id }),
    z.object({ removedFromStore: z.boolean(), message: z.string() }),
    "Deletes a set and its folder on the store; 'conflict' while an association uses it. When the store cannot be reached the set is still deleted and the message says its folder is left on the server.",
    change(SETS_FUNCTION),
  ),
  verify: method(z.object({ id }), setVerifyResultSchema, "Reads the set back from its store and checks every file against manifest.json (size and SHA-256), naming each file that differs; 'not-found'.", view(SETS_FUNCTION)),
};
export type SetsContract = typeof setsContract;
