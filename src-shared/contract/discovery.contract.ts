import { z } from 'zod';
import { change, view } from '../auth/access';
import { method } from '../rpc/contract-builder';

/**
 * Device search ("discovery"): the request a user builds in the wizard or on the command line,
 * the runs kept in the store, and the methods that start, cancel and list them.
 */

const port = z.number().int().min(1).max(65535);
const waitMs = z.number().int().min(100).max(60_000);
const text = (max: number) => z.string().trim().min(1).max(max);

export const v3LevelSchema = z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']);

/** One SNMP credential set; a search tries them in order. */
export const credentialSchema = z.discriminatedUnion('version', [
  z.object({ version: z.enum(['v1', 'v2c']), community: z.string().min(1).max(255) }),
  z.object({
    version: z.literal('v3'),
    user: text(64),
    level: v3LevelSchema,
    authProtocol: z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).optional(),
    authKey: z.string().min(8).max(255).optional(),
    privProtocol: z.enum(['des', 'aes', 'aes256b', 'aes256r']).optional(),
    privKey: z.string().min(8).max(255).optional(),
    context: z.string().max(64).optional(),
  }),
]);
export type Credential = z.infer<typeof credentialSchema>;

export const DISCOVERY_METHOD_KINDS = ['broadcast', 'addresses', 'addressFile', 'names', 'slp', 'mdns'] as const;
export type DiscoveryMethodKind = (typeof DISCOVERY_METHOD_KINDS)[number];

export const DEFAULT_MDNS_SERVICES = ['_ipp._tcp.local', '_ipps._tcp.local', '_pdl-datastream._tcp.local', '_printer._tcp.local'];

/** One search method with its own options; a request holds one or several. */
export const discoveryMethodSchema = z.discriminatedUnion('kind', [
  /** SNMP to a broadcast address: the local network (255.255.255.255) or a named one (10.1.255.255). */
  z.object({ kind: z.literal('broadcast'), address: z.string().trim().default('255.255.255.255'), waitMs: waitMs.default(2000) }),
  /** SNMP to addresses: "10.0.0.5", "10.0.0.1-10.0.0.40", "10.0.0.1-40", "10.0.1.0/24", host names, separated by commas or lines. */
  z.object({ kind: z.literal('addresses'), spec: text(1_000_000) }),
  /** A CSV file of addresses (first column; a header line is allowed). */
  z.object({ kind: z.literal('addressFile'), fileName: text(260), content: z.string().max(20_000_000) }),
  /** DNS names or NetBIOS names: resolved (DNS first, then an NBNS name query), then SNMP. */
  z.object({
    kind: z.literal('names'),
    names: z.array(text(255)).min(1).max(10_000),
    /** NetBIOS name server (WINS) or broadcast address for names DNS does not know; default: the local broadcast. */
    nbnsServer: z.string().trim().optional(),
    nbnsPort: port.optional(),
  }),
  /** SLPv2 service request for printers, multicast to 239.255.255.253:427 by default. */
  z.object({
    kind: z.literal('slp'),
    group: z.string().trim().default('239.255.255.253'),
    port: port.default(427),
    ttl: z.number().int().min(1).max(255).default(1),
    scopes: z.array(text(255)).min(1).max(32).default(['DEFAULT']),
    serviceTypes: z.array(text(255)).min(1).max(16).default(['service:printer']),
    waitMs: waitMs.default(2000),
  }),
  /** mDNS / DNS-SD browse for printer services. */
  z.object({
    kind: z.literal('mdns'),
    services: z.array(text(255)).min(1).max(16).default(DEFAULT_MDNS_SERVICES),
    group: z.string().trim().default('224.0.0.251'),
    port: port.default(5353),
    waitMs: waitMs.default(3000),
  }),
]);
export type DiscoveryMethod = z.infer<typeof discoveryMethodSchema>;
export type DiscoveryMethodInput = z.input<typeof discoveryMethodSchema>;

export const MAX_RATE = 50_000;

export const discoveryOptionsSchema = z.object({
  /** Tried in order: the next set only for addresses silent to the previous ones. */
  credentials: z.array(credentialSchema).min(1).max(16).default([{ version: 'v2c', community: 'public' }]),
  /** SNMP port of the devices. */
  port: port.default(161),
  /** Wait for an answer per attempt. */
  timeoutMs: z.number().int().min(50).max(30_000).default(1000),
  /** Further attempts for a silent address. */
  retries: z.number().int().min(0).max(5).default(1),
  /** SNMP probe packets per second. */
  ratePerSecond: z.number().int().min(1).max(MAX_RATE).default(1000),
  /** Devices read in full at the same time once they answered. */
  concurrency: z.number().int().min(1).max(1024).default(64),
  /** Keep only printers (any Printer-MIB object, an hrPrinterTable row or an hrDevicePrinter device); others are listed as skipped. */
  printersOnly: z.boolean().default(true),
  /** Addresses never probed: same forms as the addresses method. */
  exclusions: z.string().max(1_000_000).default(''),
});
export type DiscoveryOptions = z.infer<typeof discoveryOptionsSchema>;

export const discoveryRequestSchema = z.object({
  /** Shown in the history; a default is made from the methods. */
  name: z.string().trim().max(120).optional(),
  methods: z.array(discoveryMethodSchema).min(1).max(32),
  options: discoveryOptionsSchema.default(discoveryOptionsSchema.parse({})),
});
export type DiscoveryRequest = z.infer<typeof discoveryRequestSchema>;
export type DiscoveryRequestInput = z.input<typeof discoveryRequestSchema>;

export const DISCOVERY_PHASES = ['resolving', 'probing', 'reading', 'finished'] as const;
export const DISCOVERY_RUN_STATES = ['running', 'succeeded', 'cancelled', 'failed'] as const;
export type DiscoveryRunState = (typeof DISCOVERY_RUN_STATES)[number];

/** What a run found, per outcome. */
export const discoveryCountsSchema = z.object({
  /** Addresses probed so far / to probe in all (grows while names, SLP and mDNS answer). */
  probed: z.number().int(),
  total: z.number().int(),
  /** Addresses whose SNMP agent answered. */
  answered: z.number().int(),
  new: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Known devices in the searched ranges (or found by the previous run of the same search) that did not answer. */
  lost: z.number().int(),
  /** Answered but not printers ("printers only"), or found by a method at an IPv6 address, which is not searched yet. */
  skipped: z.number().int(),
  /** Answered the probe but could not be read, or a name that did not resolve. */
  failed: z.number().int(),
});
export type DiscoveryCounts = z.infer<typeof discoveryCountsSchema>;

export const discoveryRunSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  state: z.enum(DISCOVERY_RUN_STATES),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** The request as run, with secrets (communities, keys) masked. */
  request: z.unknown(),
  counts: discoveryCountsSchema,
  error: z.string().nullable(),
});
export type DiscoveryRun = z.infer<typeof discoveryRunSchema>;

export const DISCOVERY_OUTCOMES = ['new', 'updated', 'unchanged', 'lost', 'skipped', 'failed'] as const;
export type DiscoveryOutcome = (typeof DISCOVERY_OUTCOMES)[number];

/** One address or device of a run. */
export const discoveryResultSchema = z.object({
  deviceId: z.number().int().nullable(),
  address: z.string(),
  port: z.number().int(),
  outcome: z.enum(DISCOVERY_OUTCOMES),
  /** Which methods found it. */
  methods: z.array(z.enum(DISCOVERY_METHOD_KINDS)),
  /** The device's address before this run, when it moved. */
  previousAddress: z.string().nullable(),
  /** Name or model, for people. */
  label: z.string(),
  /** Why it failed or was skipped. */
  message: z.string().nullable(),
});
export type DiscoveryResult = z.infer<typeof discoveryResultSchema>;

export const discoveryProgressSchema = z.object({
  runId: z.number().int().positive(),
  phase: z.enum(DISCOVERY_PHASES),
  state: z.enum(DISCOVERY_RUN_STATES),
  counts: discoveryCountsSchema,
  /** Probe packets per second: over the last seconds while probing; once the probes are done, the highest rate they were measured at. */
  ratePerSecond: z.number(),
  /** Seconds until the probing ends, when it can be told. */
  etaSeconds: z.number().nullable(),
  elapsedMs: z.number(),
});
export type DiscoveryProgress = z.infer<typeof discoveryProgressSchema>;

const runId = z.object({ runId: z.number().int().positive() });

export const discoveryContract = {
  check: method(
    z.object({ request: discoveryRequestSchema }),
    z.object({ addresses: z.number().int(), names: z.number().int() }),
    "Counts what a search would probe without sending; 'invalid-argument' names the bad line or field.",
    view('deviceSearch'),
  ),
  start: method(
    z.object({ request: discoveryRequestSchema }),
    z.object({ runId: z.number().int().positive() }),
    "Starts a search; progress and found devices arrive as events. 'conflict' while another search runs.",
    change('deviceSearch'),
  ),
  cancel: method(runId, z.object({}), 'Stops a running search at once; what it found is kept. Finished runs are no error.', change('deviceSearch')),
  listRuns: method(z.object({ limit: z.number().int().min(1).max(1000).default(50) }), z.object({ runs: z.array(discoveryRunSchema) }), 'Past and running searches, newest first.', view('deviceSearch')),
  getRun: method(runId, z.object({ run: discoveryRunSchema, results: z.array(discoveryResultSchema) }), "One search with what it found; 'not-found'.", view('deviceSearch')),
};
