import {
  discoveryMethodSchema,
  discoveryOptionsSchema,
  type Credential,
  type DiscoveryMethodInput,
  type DiscoveryMethodKind,
  type DiscoveryRequestInput,
} from '../../../src-shared/contract/discovery.contract';

/**
 * The search wizard's draft: what the person typed, kept as text and numbers as the fields hold
 * them, and turned into a contract request by buildDiscoveryRequest. Defaults come from the
 * contract's schemas, so the form shows what a search would use.
 */

/** The methods in the order the wizard shows them (and sends them): the common ones first. */
export const METHOD_ORDER = ['addresses', 'addressFile', 'names', 'broadcast', 'slp', 'mdns'] as const satisfies readonly DiscoveryMethodKind[];

/** A number field: '' while empty (the contract's default then applies). */
export type NumberDraft = number | '';

export const V3_LEVELS = ['noAuthNoPriv', 'authNoPriv', 'authPriv'] as const;
export const AUTH_PROTOCOLS = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export const PRIV_PROTOCOLS = ['des', 'aes', 'aes256b', 'aes256r'] as const;
export const SNMP_VERSIONS = ['v1', 'v2c', 'v3'] as const;

/** One credential set as edited; every version's fields are kept so switching back loses nothing. */
export interface CredentialDraft {
  /** Stable React key while sets are reordered. */
  key: number;
  version: (typeof SNMP_VERSIONS)[number];
  community: string;
  user: string;
  level: (typeof V3_LEVELS)[number];
  authProtocol: (typeof AUTH_PROTOCOLS)[number];
  authKey: string;
  privProtocol: (typeof PRIV_PROTOCOLS)[number];
  privKey: string;
  context: string;
}

export interface AddressFileDraft {
  fileName: string;
  content: string;
}

export interface DiscoveryForm {
  /** Shown in the history; empty: the core makes one from the methods. */
  name: string;
  enabled: Record<DiscoveryMethodKind, boolean>;
  addresses: string;
  addressFile: AddressFileDraft | null;
  names: string;
  nbnsServer: string;
  broadcastAddress: string;
  slpGroup: string;
  slpTtl: NumberDraft;
  slpScopes: string;
  slpServiceTypes: string;
  mdnsServices: string;
  credentials: CredentialDraft[];
  port: NumberDraft;
  timeoutMs: NumberDraft;
  retries: NumberDraft;
  ratePerSecond: NumberDraft;
  concurrency: NumberDraft;
  printersOnly: boolean;
  exclusions: string;
}

/** The option fields that are plain numbers, in the order the form shows them. */
export const NUMBER_OPTIONS = ['port', 'timeoutMs', 'retries', 'ratePerSecond', 'concurrency'] as const;
export type NumberOption = (typeof NUMBER_OPTIONS)[number];

const CREDENTIAL_FIELDS = ['community', 'user', 'level', 'authProtocol', 'authKey', 'privProtocol', 'privKey', 'context'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

/** Where a message is shown: a field of the form, or 'general' (beside the Run button). */
export type FieldId =
  | 'methods'
  | 'name'
  | 'addresses'
  | 'addressFile'
  | 'names'
  | 'nbnsServer'
  | 'broadcastAddress'
  | 'slpGroup'
  | 'slpTtl'
  | 'slpScopes'
  | 'slpServiceTypes'
  | 'mdnsServices'
  | 'credentials'
  | `credentials.${number}.${CredentialField}`
  | NumberOption
  | 'exclusions'
  | 'general';

/** Fields on the first wizard step; everything else is on the options step. */
const METHOD_STEP_FIELDS: ReadonlySet<FieldId> = new Set<FieldId>(['methods', 'addresses', 'addressFile', 'names', 'nbnsServer', 'broadcastAddress', 'slpGroup', 'slpTtl', 'slpScopes', 'slpServiceTypes', 'mdnsServices']);

/** 0 for the methods step, 1 for the options step. */
export function stepOfField(field: FieldId): 0 | 1 {
  return METHOD_STEP_FIELDS.has(field) ? 0 : 1;
}

const slpDefaults = discoveryMethodSchema.parse({ kind: 'slp' });
const mdnsDefaults = discoveryMethodSchema.parse({ kind: 'mdns' });
const broadcastDefaults = discoveryMethodSchema.parse({ kind: 'broadcast' });
const optionDefaults = discoveryOptionsSchema.parse({});

let nextCredentialKey = 1;

/** A fresh credential set: v2c "public" unless told otherwise. */
export function newCredential(from: Partial<Omit<CredentialDraft, 'key'>> = {}): CredentialDraft {
  return {
    key: nextCredentialKey++,
    version: 'v2c',
    community: 'public',
    user: '',
    level: 'authPriv',
    authProtocol: 'sha',
    authKey: '',
    privProtocol: 'aes',
    privKey: '',
    context: '',
    ...from,
  };
}

function draftOf(credential: Credential): CredentialDraft {
  if (credential.version !== 'v3') return newCredential({ version: credential.version, community: credential.community });
  return newCredential({ version: 'v3', community: '', user: credential.user, level: credential.level });
}

/** The form as the wizard first shows it: SNMP to addresses, the contract's default options. */
export function initialDiscoveryForm(): DiscoveryForm {
  return {
    name: '',
    enabled: { addresses: true, addressFile: false, names: false, broadcast: false, slp: false, mdns: false },
    addresses: '',
    addressFile: null,
    names: '',
    nbnsServer: '',
    broadcastAddress: broadcastDefaults.kind === 'broadcast' ? broadcastDefaults.address : '255.255.255.255',
    slpGroup: slpDefaults.kind === 'slp' ? slpDefaults.group : '',
    slpTtl: slpDefaults.kind === 'slp' ? slpDefaults.ttl : '',
    slpScopes: slpDefaults.kind === 'slp' ? slpDefaults.scopes.join(', ') : '',
    slpServiceTypes: slpDefaults.kind === 'slp' ? slpDefaults.serviceTypes.join(', ') : '',
    mdnsServices: mdnsDefaults.kind === 'mdns' ? mdnsDefaults.services.join('\n') : '',
    credentials: optionDefaults.credentials.map(draftOf),
    port: optionDefaults.port,
    timeoutMs: optionDefaults.timeoutMs,
    retries: optionDefaults.retries,
    ratePerSecond: optionDefaults.ratePerSecond,
    concurrency: optionDefaults.concurrency,
    printersOnly: optionDefaults.printersOnly,
    exclusions: optionDefaults.exclusions,
  };
}

/** The draft with a demo fleet's addresses and port filled in (the demo's printers answer on a port of their own). */
export function withDemoSearch(form: DiscoveryForm, search: { spec: string; port: number }): DiscoveryForm {
  return { ...form, enabled: { ...form.enabled, addresses: true }, addresses: search.spec, port: search.port };
}

/** Items of a list typed with commas or one per line; blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function credentialOf(draft: CredentialDraft): Credential {
  if (draft.version !== 'v3') return { version: draft.version, community: draft.community };
  const auth = draft.level !== 'noAuthNoPriv';
  const priv = draft.level === 'authPriv';
  return {
    version: 'v3',
    user: draft.user,
    level: draft.level,
    ...(auth ? { authProtocol: draft.authProtocol, authKey: draft.authKey } : {}),
    ...(priv ? { privProtocol: draft.privProtocol, privKey: draft.privKey } : {}),
    ...(draft.context.trim() ? { context: draft.context.trim() } : {}),
  };
}

/** The request's methods in order, with the kind of each (to place a message by index). */
function methodsOf(form: DiscoveryForm): DiscoveryMethodInput[] {
  const methods: DiscoveryMethodInput[] = [];
  for (const kind of METHOD_ORDER) {
    if (!form.enabled[kind]) continue;
    switch (kind) {
      case 'addresses':
        methods.push({ kind, spec: form.addresses });
        break;
      case 'addressFile':
        // A missing file is reported by the form check before this is sent.
        methods.push({ kind, fileName: form.addressFile?.fileName ?? '', content: form.addressFile?.content ?? '' });
        break;
      case 'names': {
        const server = form.nbnsServer.trim();
        methods.push({ kind, names: splitList(form.names), ...(server ? { nbnsServer: server } : {}) });
        break;
      }
      case 'broadcast':
        methods.push({ kind, ...(form.broadcastAddress.trim() ? { address: form.broadcastAddress } : {}) });
        break;
      case 'slp':
        methods.push({
          kind,
          ...(form.slpGroup.trim() ? { group: form.slpGroup } : {}),
          ...(form.slpTtl !== '' ? { ttl: form.slpTtl } : {}),
          scopes: splitList(form.slpScopes),
          serviceTypes: splitList(form.slpServiceTypes),
        });
        break;
      case 'mdns':
        methods.push({ kind, services: splitList(form.mdnsServices) });
        break;
    }
  }
  return methods;
}

/** The kinds of the request's methods, by index (the order methodsOf builds them in). */
export function methodKindsOf(form: DiscoveryForm): DiscoveryMethodKind[] {
  return METHOD_ORDER.filter((kind) => form.enabled[kind]);
}

/** The contract request the form describes; the schema (and the core) judge it. */
export function requestOf(form: DiscoveryForm): DiscoveryRequestInput {
  const numbers: Partial<Record<NumberOption, number>> = {};
  for (const option of NUMBER_OPTIONS) {
    const value = form[option];
    if (value !== '') numbers[option] = value;
  }
  return {
    ...(form.name.trim() ? { name: form.name } : {}),
    methods: methodsOf(form),
    options: {
      credentials: form.credentials.map(credentialOf),
      ...numbers,
      printersOnly: form.printersOnly,
      exclusions: form.exclusions,
    },
  };
}

/** Where a problem found at `path` of the request is shown (paths as zod reports them). */
export function fieldOfPath(path: readonly PropertyKey[], kinds: readonly DiscoveryMethodKind[]): FieldId {
  const [head, second, third, fourth] = path;
  if (head === 'name') return 'name';
  if (head === 'methods') {
    if (typeof second !== 'number') return 'methods';
    const kind = kinds[second];
    return kind === undefined ? 'methods' : fieldOfMethod(kind, third);
  }
  if (head === 'options') {
    if (second === 'credentials') {
      if (typeof third !== 'number') return 'credentials';
      const field = CREDENTIAL_FIELDS.find((f) => f === fourth);
      return field === undefined ? 'credentials' : `credentials.${third}.${field}`;
    }
    const option = NUMBER_OPTIONS.find((o) => o === second);
    if (option) return option;
    if (second === 'exclusions') return 'exclusions';
  }
  return 'general';
}

function fieldOfMethod(kind: DiscoveryMethodKind, key: PropertyKey | undefined): FieldId {
  switch (kind) {
    case 'addresses':
      return 'addresses';
    case 'addressFile':
      return 'addressFile';
    case 'names':
      return key === 'nbnsServer' || key === 'nbnsPort' ? 'nbnsServer' : 'names';
    case 'broadcast':
      return 'broadcastAddress';
    case 'slp':
      return key === 'ttl' ? 'slpTtl' : key === 'scopes' ? 'slpScopes' : key === 'serviceTypes' ? 'slpServiceTypes' : 'slpGroup';
    case 'mdns':
      return 'mdnsServices';
  }
}
