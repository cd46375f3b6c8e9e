import { describe, expect, it } from 'vitest';
import { fieldOfPath, initialDiscoveryForm, newCredential, requestOf, splitList, stepOfField, type DiscoveryForm } from '../../../src-renderer/features/discovery/discovery-form';
import { buildDiscoveryRequest } from '../../../src-renderer/features/discovery/discovery-validation';
import { useDiscoveryWizardStore } from '../../../src-renderer/features/discovery/discovery-wizard.store';

function aForm(change: Partial<DiscoveryForm> = {}): DiscoveryForm {
  return { ...initialDiscoveryForm(), addresses: '10.0.0.1-10.0.0.40', ...change };
}

const only = (kinds: Partial<DiscoveryForm['enabled']>): DiscoveryForm['enabled'] => ({ addresses: false, addressFile: false, names: false, broadcast: false, slp: false, mdns: false, ...kinds });

describe('the search request built from the wizard', () => {
  it('starts with SNMP to addresses and the contract default options', () => {
    const built = buildDiscoveryRequest(aForm());
    expect(built).toEqual({
      ok: true,
      kinds: ['addresses'],
      request: {
        methods: [{ kind: 'addresses', spec: '10.0.0.1-10.0.0.40' }],
        options: {
          credentials: [{ version: 'v2c', community: 'public' }],
          port: 161,
          timeoutMs: 1000,
          retries: 1,
          ratePerSecond: 1000,
          concurrency: 64,
          printersOnly: true,
          exclusions: '',
        },
      },
    });
  });

  it('sends every chosen method with its own options, in the contract order', () => {
    const form = aForm({
      enabled: only({ addresses: true, addressFile: true, names: true, broadcast: true, slp: true, mdns: true }),
      addressFile: { fileName: 'printers.csv', content: '10.0.0.1\n10.0.0.2\n' },
      names: 'printer-3f\n PRN-SALES-01 \n\n',
      nbnsServer: '10.0.0.250',
      broadcastAddress: '10.1.255.255',
      slpGroup: '239.255.255.253',
      slpTtl: 4,
      slpScopes: 'DEFAULT, SALES',
      slpServiceTypes: 'service:printer',
      mdnsServices: '_ipp._tcp.local\n_ipps._tcp.local',
      name: ' Office scan ',
    });
    const built = buildDiscoveryRequest(form);
    if (!built.ok) throw new Error(`refused: ${JSON.stringify(built.problems)}`);
    expect(built.kinds).toEqual(['addresses', 'addressFile', 'names', 'broadcast', 'slp', 'mdns']);
    expect(built.request.name).toBe('Office scan');
    expect(built.request.methods).toEqual([
      { kind: 'addresses', spec: '10.0.0.1-10.0.0.40' },
      { kind: 'addressFile', fileName: 'printers.csv', content: '10.0.0.1\n10.0.0.2\n' },
      { kind: 'names', names: ['printer-3f', 'PRN-SALES-01'], nbnsServer: '10.0.0.250' },
      { kind: 'broadcast', address: '10.1.255.255', waitMs: 2000 },
      { kind: 'slp', group: '239.255.255.253', port: 427, ttl: 4, scopes: ['DEFAULT', 'SALES'], serviceTypes: ['service:printer'], waitMs: 2000 },
      { kind: 'mdns', services: ['_ipp._tcp.local', '_ipps._tcp.local'], group: '224.0.0.251', port: 5353, waitMs: 3000 },
    ]);
  });

  it('takes typed options and the credential sets in their order, with v3 keys only for its level', () => {
    const form = aForm({
      port: 1161,
      timeoutMs: 300,
      retries: 0,
      ratePerSecond: 5000,
      concurrency: 8,
      printersOnly: false,
      exclusions: '10.0.0.7',
      credentials: [
        newCredential({ version: 'v3', user: 'admin', level: 'authNoPriv', authProtocol: 'sha256', authKey: 'passphrase1', privKey: 'ignored-here' }),
        newCredential({ version: 'v1', community: 'private' }),
        newCredential({ version: 'v3', user: 'ops', level: 'authPriv', authKey: 'passphrase2', privProtocol: 'aes256b', privKey: 'privpass3', context: ' ctx ' }),
      ],
    });
    const built = buildDiscoveryRequest(form);
    if (!built.ok) throw new Error(`refused: ${JSON.stringify(built.problems)}`);
    expect(built.request.options).toEqual({
      credentials: [
        { version: 'v3', user: 'admin', level: 'authNoPriv', authProtocol: 'sha256', authKey: 'passphrase1' },
        { version: 'v1', community: 'private' },
        { version: 'v3', user: 'ops', level: 'authPriv', authProtocol: 'sha', authKey: 'passphrase2', privProtocol: 'aes256b', privKey: 'privpass3', context: 'ctx' },
      ],
      port: 1161,
      timeoutMs: 300,
      retries: 0,
      ratePerSecond: 5000,
      concurrency: 8,
      printersOnly: false,
      exclusions: '10.0.0.7',
    });
  });

  it('leaves an emptied number field to the contract default', () => {
    const request = requestOf(aForm({ port: '', retries: '' }));
    expect(request.options).not.toHaveProperty('port');
    expect(request.options).not.toHaveProperty('retries');
    const built = buildDiscoveryRequest(aForm({ port: '', retries: '' }));
    expect(built.ok && built.request.options.port).toBe(161);
  });

  it('splits lists on commas and new lines and drops blanks', () => {
    expect(splitList(' a, b\n\nc ,\n')).toEqual(['a', 'b', 'c']);
    expect(splitList('  ')).toEqual([]);
  });
});

describe('where a problem is shown', () => {
  const kinds = ['addresses', 'names', 'slp'] as const;

  it('maps request paths to the field of the method at that index', () => {
    expect(fieldOfPath(['methods', 0, 'spec'], kinds)).toBe('addresses');
    expect(fieldOfPath(['methods', 1, 'names', 3], kinds)).toBe('names');
    expect(fieldOfPath(['methods', 1, 'nbnsServer'], kinds)).toBe('nbnsServer');
    expect(fieldOfPath(['methods', 2, 'ttl'], kinds)).toBe('slpTtl');
    expect(fieldOfPath(['methods', 2, 'scopes', 0], kinds)).toBe('slpScopes');
    expect(fieldOfPath(['methods', 7], kinds)).toBe('methods');
    expect(fieldOfPath(['methods'], kinds)).toBe('methods');
  });

  it('maps options to their fields, credentials to the set and field', () => {
    expect(fieldOfPath(['options', 'port'], kinds)).toBe('port');
    expect(fieldOfPath(['options', 'exclusions'], kinds)).toBe('exclusions');
    expect(fieldOfPath(['options', 'credentials', 2, 'authKey'], kinds)).toBe('credentials.2.authKey');
    expect(fieldOfPath(['options', 'credentials'], kinds)).toBe('credentials');
    expect(fieldOfPath(['name'], kinds)).toBe('name');
    expect(fieldOfPath(['somethingElse'], kinds)).toBe('general');
  });

  it('knows which wizard step holds each field', () => {
    expect(stepOfField('addresses')).toBe(0);
    expect(stepOfField('slpTtl')).toBe(0);
    expect(stepOfField('port')).toBe(1);
    expect(stepOfField('credentials.0.community')).toBe(1);
    expect(stepOfField('general')).toBe(1);
  });
});

describe('the wizard with a demo fleet', () => {
  it('starts an untouched draft with the fleet\'s addresses and port, and leaves a draft being written alone', () => {
    const store = useDiscoveryWizardStore.getState();
    store.reset();
    useDiscoveryWizardStore.getState().offerDemo({ spec: '127.20.0.1-127.20.0.200', port: 1161 });
    expect(useDiscoveryWizardStore.getState().form).toMatchObject({ addresses: '127.20.0.1-127.20.0.200', port: 1161, enabled: { addresses: true } });
    useDiscoveryWizardStore.getState().edit(() => ({ addresses: '10.0.0.0/24' }));
    useDiscoveryWizardStore.getState().offerDemo({ spec: '127.20.0.1-127.20.0.200', port: 1161 });
    expect(useDiscoveryWizardStore.getState().form.addresses).toBe('10.0.0.0/24');
  });
});
