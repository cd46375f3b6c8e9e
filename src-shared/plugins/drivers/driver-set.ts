import { z } from 'zod';
import { noControl } from './text-checks';

/**
 * A driver set (issue 12 item 3): the files of one printer driver for one operating system,
 * kept in its own folder on a driver store with a SHA-256 manifest beside them, and what the
 * console knows about it. A driverless set has no files and no store: IPP Everywhere on CUPS,
 * the Microsoft IPP class driver on Windows.
 */

export const DRIVER_OSES = ['windows', 'macos', 'linux'] as const;
export type DriverOs = (typeof DRIVER_OSES)[number];
/** any: the set does not depend on the processor (PPD files, driverless, universal packages). */
export const DRIVER_ARCHES = ['x64', 'x86', 'arm64', 'any'] as const;
export type DriverArch = (typeof DRIVER_ARCHES)[number];
/** inf: a Windows driver package (staged with pnputil); ppd: a PostScript Printer Description for CUPS; driverless: no files. */
export const DRIVER_KINDS = ['inf', 'ppd', 'driverless'] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];

const id = z.number().int().positive();

export const driverSetNameSchema = z
  .string()
  .trim()
  .min(1, 'give the driver set a name')
  .max(100, 'a name of at most 100 characters')
  .refine((n) => noControl(n), 'a name may not contain control characters');

/** What is said about a set when it is uploaded; what is left out is read from its INF or PPD. */
export const driverSetMetadataSchema = z.object({
  name: driverSetNameSchema,
  os: z.enum(DRIVER_OSES, { message: 'choose windows, macos or linux' }),
  arch: z.enum(DRIVER_ARCHES, { message: 'choose x64, x86, arm64 or any' }).default('any'),
  /** Left out: an INF makes an INF package, a PPD a PPD set. */
  kind: z.enum(DRIVER_KINDS, { message: 'choose inf, ppd or driverless' }).optional(),
  /** Left out: DriverVer of the INF, *FileVersion of the PPD. */
  version: z.string().trim().max(64).optional(),
  /** The driver's name as Windows or CUPS knows it ("Add-PrinterDriver -Name"); left out: the first model of the INF, *NickName of the PPD. */
  driverName: z.string().trim().max(256).optional(),
  description: z.string().trim().max(300).default(''),
});
export type DriverSetMetadata = z.output<typeof driverSetMetadataSchema>;
export type DriverSetMetadataInput = z.input<typeof driverSetMetadataSchema>;

export const driverSetSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  os: z.enum(DRIVER_OSES),
  arch: z.enum(DRIVER_ARCHES),
  kind: z.enum(DRIVER_KINDS),
  version: z.string(),
  driverName: z.string(),
  /** Every model name the INF or PPD offers (the driver name is one of them). */
  models: z.array(z.string()),
  /** The INF or PPD inside the set ("x64/prnhp001.inf"); null for a driverless set. */
  entryFile: z.string().nullable(),
  /** The store that holds it; null for a driverless set. */
  storeId: id.nullable(),
  /** Its folder on the store, below the store's directory ("sets/hp-universal-7"); null for a driverless set. */
  folder: z.string().nullable(),
  files: z.number().int(),
  bytes: z.number().int(),
  /** SHA-256 (hex) of manifest.json as uploaded. */
  manifestSha256: z.string().nullable(),
  createdAt: z.number(),
  createdBy: z.string().nullable(),
});
export type DriverSet = z.infer<typeof driverSetSchema>;
