import { z } from 'zod';
import { DISCOVERY_METHOD_KINDS, type DiscoveryMethodKind } from '../../../src-shared/contract/discovery.contract';

/**
 * The settings a past search ran with, as lines the history shows. The core keeps the request
 * with its secrets masked; this reads it leniently (an older run may lack a field) and never
 * shows a community or key itself, whatever the stored request holds.
 */

export type SettingLabel = 'method' | 'port' | 'timeoutMs' | 'retries' | 'ratePerSecond' | 'concurrency' | 'printersOnly' | 'exclusions' | 'credential';

export interface SettingLine {
  label: SettingLabel;
  /** For 'method': which one. */
  method?: DiscoveryMethodKind;
  /** For 'credential': the SNMP version. */
  version?: string;
  /** What was used, as text (never a secret). */
  value: string;
}

/** Masked in place of a community, as the core masks it. */
export const MASK = '••••';

const list = z.array(z.string()).catch([]);
const methodSchema = z
  .object({
    kind: z.enum(DISCOVERY_METHOD_KINDS),
    spec: z.string().optional(),
    fileName: z.string().optional(),
    lines: z.number().optional(),
    names: list.optional(),
    nbnsServer: z.string().optional(),
    address: z.string().optional(),
    group: z.string().optional(),
    services: list.optional(),
    serviceTypes: list.optional(),
  })
  .passthrough();
const credentialSchema = z.object({ version: z.string(), user: z.string().optional(), level: z.string().optional() }).passthrough();
const requestSchema = z.object({
  methods: z.array(methodSchema).catch([]),
  options: z
    .object({
      credentials: z.array(credentialSchema).catch([]),
      port: z.number().optional(),
      timeoutMs: z.number().optional(),
      retries: z.number().optional(),
      ratePerSecond: z.number().optional(),
      concurrency: z.number().optional(),
      printersOnly: z.boolean().optional(),
      exclusions: z.string().optional(),
    })
    .catch({ credentials: [] }),
});

function methodValue(method: z.infer<typeof methodSchema>): string {
  switch (method.kind) {
    case 'addresses':
      return method.spec ?? '';
    case 'addressFile':
      return method.lines === undefined ? (method.fileName ?? '') : `${method.fileName ?? ''} (${method.lines})`;
    case 'names':
      return [(method.names ?? []).join(', '), method.nbnsServer ? `NBNS ${method.nbnsServer}` : ''].filter(Boolean).join(' · ');
    case 'broadcast':
      return method.address ?? '';
    case 'slp':
      return [method.group ?? '', (method.serviceTypes ?? []).join(', ')].filter(Boolean).join(' · ');
    case 'mdns':
      return (method.services ?? []).join(', ');
  }
}

/** The lines of a stored (masked) request; an unreadable one gives none. */
export function runSettingLines(request: unknown): SettingLine[] {
  const parsed = requestSchema.safeParse(request);
  if (!parsed.success) return [];
  const { methods, options } = parsed.data;
  const lines: SettingLine[] = methods.map((m) => ({ label: 'method', method: m.kind, value: methodValue(m) }));
  for (const c of options.credentials) {
    // A v3 set shows its user and level; a community is never shown, only that one was used.
    const value = c.version === 'v3' ? [c.user ?? '', c.level ?? ''].filter(Boolean).join(' · ') : MASK;
    lines.push({ label: 'credential', version: c.version, value });
  }
  for (const key of ['port', 'timeoutMs', 'retries', 'ratePerSecond', 'concurrency'] as const) {
    const value = options[key];
    if (value !== undefined) lines.push({ label: key, value: String(value) });
  }
  if (options.printersOnly !== undefined) lines.push({ label: 'printersOnly', value: options.printersOnly ? 'yes' : 'no' });
  if (options.exclusions) lines.push({ label: 'exclusions', value: options.exclusions });
  return lines;
}
