import { z } from 'zod';

/**
 * An association (issue 12 item 4): a driver set tied to a device under a name, with the queue
 * to create on client PCs, how the queue reaches the device, and its defaults. Black-and-white
 * is the default colour mode (the whitepaper's case 3).
 */

/** ipp / ipps: IPP on 631 (ipps: over TLS); raw: the JetDirect/AppSocket port 9100; lpd: LPR on 515. */
export const QUEUE_PROTOCOLS = ['ipp', 'ipps', 'raw', 'lpd'] as const;
export type QueueProtocol = (typeof QUEUE_PROTOCOLS)[number];

export function defaultProtocolPort(protocol: QueueProtocol): number {
  return protocol === 'raw' ? 9100 : protocol === 'lpd' ? 515 : 631;
}

export const COLOR_MODES = ['monochrome', 'color'] as const;
/** The IPP `sides` keywords (lpadmin -o sides-default=…; Windows DuplexingMode OneSided / TwoSidedLongEdge / TwoSidedShortEdge). */
export const DUPLEX_MODES = ['one-sided', 'two-sided-long-edge', 'two-sided-short-edge'] as const;
/** PWG 5101.1 media names (IPP media-default; CUPS lpadmin -o media-default=…). */
export const PAPER_SIZES = ['iso_a4_210x297mm', 'iso_a3_297x420mm', 'iso_a5_148x210mm', 'jis_b4_257x364mm', 'jis_b5_182x257mm', 'na_letter_8.5x11in', 'na_legal_8.5x14in', 'na_ledger_11x17in'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export const queueDefaultsSchema = z.object({
  color: z.enum(COLOR_MODES).default('monochrome'),
  duplex: z.enum(DUPLEX_MODES).default('one-sided'),
  /** null: the printer's own default. */
  paperSize: z.enum(PAPER_SIZES).nullable().default(null),
});
export type QueueDefaults = z.output<typeof queueDefaultsSchema>;

/** A queue name as CUPS and Windows both take it: letters, digits, "-", "_", "." (CUPS refuses spaces, "/" and "#"). */
export const queueNameSchema = z
  .string()
  .trim()
  .min(1, 'give the queue a name, such as Floor3-Color')
  .max(127, 'a queue name of at most 127 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a queue name has letters, digits, "-", "_" and "." only (CUPS refuses spaces, "/" and "#"), such as Floor3-Color');

const id = z.number().int().positive();

export const associationInputSchema = z.object({
  name: z.string().trim().min(1, 'give the association a name').max(100, 'a name of at most 100 characters'),
  deviceId: id,
  setId: id,
  queueName: queueNameSchema,
  protocol: z.enum(QUEUE_PROTOCOLS, { message: 'choose ipp, ipps, raw or lpd' }).default('ipp'),
  /** null: the protocol's usual port (631, 9100, 515). */
  port: z.number().int().min(1, 'a port is a number from 1 to 65535').max(65_535, 'a port is a number from 1 to 65535').nullable().default(null),
  /** IPP: the printer's resource path; LPD: the queue name on the device. */
  resource: z.string().trim().max(255).default(''),
  defaults: queueDefaultsSchema.default({ color: 'monochrome', duplex: 'one-sided', paperSize: null }),
  /** Shown on the pull page (a floor, a room). */
  location: z.string().trim().max(200).default(''),
});
export type AssociationInput = z.input<typeof associationInputSchema>;
export type AssociationSettings = z.output<typeof associationInputSchema>;

export const associationSchema = associationInputSchema.extend({
  id,
  /** The device's label, address and model now (null when the device was deleted). */
  device: z.object({ label: z.string(), address: z.string(), model: z.string().nullable() }).nullable(),
  /** The set's name, OS and kind now. */
  set: z.object({ name: z.string(), os: z.string(), kind: z.string() }).nullable(),
  /** The URI the queue prints to, such as ipp://10.0.0.5:631/ipp/print or socket://10.0.0.5:9100. */
  uri: z.string().nullable(),
  updatedAt: z.number(),
  updatedBy: z.string().nullable(),
});
export type Association = z.infer<typeof associationSchema>;

/** The URI of a queue for a device address (IPv6 in brackets). */
export function queueUri(address: string, settings: Pick<AssociationSettings, 'protocol' | 'port' | 'resource'>): string {
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  const port = settings.port ?? defaultProtocolPort(settings.protocol);
  const resource = settings.resource.replace(/^\/+/, '');
  switch (settings.protocol) {
    case 'raw':
      return `socket://${host}:${port}`;
    case 'lpd':
      return `lpd://${host}:${port}/${resource || 'queue'}`;
    default:
      return `${settings.protocol}://${host}:${port}/${resource || 'ipp/print'}`;
  }
}

/** The IPP Everywhere check of one device (Get-Printer-Attributes), as stored. */
export const ippCheckSchema = z.object({
  deviceId: id,
  checkedAt: z.number(),
  /** IPP Everywhere ready: IPP 2.0 or later, and image/pwg-raster or image/urf among its formats. */
  ready: z.boolean(),
  /** The printer URI that answered (or was asked). */
  uri: z.string(),
  ippVersions: z.array(z.string()),
  documentFormats: z.array(z.string()),
  features: z.array(z.string()),
  makeAndModel: z.string().nullable(),
  /** Why not ready, or why the check failed, in words. */
  reason: z.string().nullable(),
});
export type IppCheck = z.infer<typeof ippCheckSchema>;

/** A proposal for a device: which set, which protocol, and why; driverless first when the device is IPP Everywhere ready. */
export const associationProposalSchema = z.object({
  setId: id,
  setName: z.string(),
  os: z.string(),
  kind: z.string(),
  protocol: z.enum(QUEUE_PROTOCOLS),
  queueName: z.string(),
  reason: z.string(),
});
export type AssociationProposal = z.infer<typeof associationProposalSchema>;
