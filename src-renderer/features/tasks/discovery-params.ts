import type { TFunction } from 'i18next';
import { discoveryRequestSchema, type Credential, type DiscoveryMethodKind, type DiscoveryRequest } from '../../../src-shared/contract/discovery.contract';
import { initialDiscoveryForm, newCredential, type CredentialDraft, type DiscoveryForm } from '../discovery/discovery-form';

/**
 * A saved search task's params back in the discovery wizard's form, so the task wizard can
 * reuse its steps; the form's own requestOf turns it into params again.
 */

function credentialDraft(credential: Credential): CredentialDraft {
  if (credential.version !== 'v3') return newCredential({ version: credential.version, community: credential.community });
  return newCredential({
    version: 'v3',
    community: '',
    user: credential.user,
    level: credential.level,
    ...(credential.authProtocol ? { authProtocol: credential.authProtocol } : {}),
    authKey: credential.authKey ?? '',
    ...(credential.privProtocol ? { privProtocol: credential.privProtocol } : {}),
    privKey: credential.privKey ?? '',
    context: credential.context ?? '',
  });
}

/** The form for a saved request (defaults filled in); a fresh form when params are not a search request. */
export function discoveryFormOfParams(params: unknown): DiscoveryForm {
  const parsed = discoveryRequestSchema.safeParse(params);
  return parsed.success ? discoveryFormOf(parsed.data) : initialDiscoveryForm();
}

/** The form that describes `request`. */
export function discoveryFormOf(request: DiscoveryRequest): DiscoveryForm {
  const form = initialDiscoveryForm();
  form.enabled = { addresses: false, addressFile: false, names: false, broadcast: false, slp: false, mdns: false };
  form.name = request.name ?? '';
  for (const method of request.methods) {
    form.enabled[method.kind] = true;
    switch (method.kind) {
      case 'addresses':
        form.addresses = method.spec;
        break;
      case 'addressFile':
        form.addressFile = { fileName: method.fileName, content: method.content };
        break;
      case 'names':
        form.names = method.names.join('\n');
        form.nbnsServer = method.nbnsServer ?? '';
        break;
      case 'broadcast':
        form.broadcastAddress = method.address;
        break;
      case 'slp':
        form.slpGroup = method.group;
        form.slpTtl = method.ttl;
        form.slpScopes = method.scopes.join(', ');
        form.slpServiceTypes = method.serviceTypes.join(', ');
        break;
      case 'mdns':
        form.mdnsServices = method.services.join('\n');
        break;
    }
  }
  const { options } = request;
  form.credentials = options.credentials.map(credentialDraft);
  form.port = options.port;
  form.timeoutMs = options.timeoutMs;
  form.retries = options.retries;
  form.ratePerSecond = options.ratePerSecond;
  form.concurrency = options.concurrency;
  form.printersOnly = options.printersOnly;
  form.exclusions = options.exclusions;
  return form;
}

/** What a search task searches, for the task list: its addresses, files and names, the methods that need none, the port. */
export interface SearchSummary {
  /** Address specs (as typed, blanks dropped), address file names, host names. */
  targets: string[];
  /** Methods that search without a list of targets (broadcast, SLP, mDNS). */
  methods: DiscoveryMethodKind[];
  /** The SNMP port, null for the standard 161. */
  port: number | null;
}

/** The summary of a search task's params; null when they are no search request. */
export function searchSummaryOf(params: unknown): SearchSummary | null {
  const parsed = discoveryRequestSchema.safeParse(params);
  if (!parsed.success) return null;
  const targets: string[] = [];
  const methods: DiscoveryMethodKind[] = [];
  for (const method of parsed.data.methods) {
    if (method.kind === 'addresses') targets.push(...method.spec.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== ''));
    else if (method.kind === 'addressFile') targets.push(method.fileName);
    else if (method.kind === 'names') targets.push(...method.names);
    else methods.push(method.kind);
  }
  const { port } = parsed.data.options;
  return { targets, methods, port: port === 161 ? null : port };
}

/** Targets named before "+N more". */
const SHOWN_TARGETS = 3;

/** "127.20.0.1-127.20.0.200 · port 1161", "10.0.0.0/24, printer-3f +2 more · SLP". */
export function searchTargetText(t: TFunction, summary: SearchSummary): string {
  const parts: string[] = [];
  if (summary.targets.length > 0) {
    const named = summary.targets.slice(0, SHOWN_TARGETS).join(', ');
    const more = summary.targets.length - SHOWN_TARGETS;
    parts.push(more > 0 ? `${named} ${t('tasks.searchSummary.more', { count: more })}` : named);
  }
  for (const method of summary.methods) parts.push(t(`discovery.short.${method}`));
  if (summary.port !== null) parts.push(t('tasks.searchSummary.port', { port: summary.port }));
  return parts.join(' · ');
}
