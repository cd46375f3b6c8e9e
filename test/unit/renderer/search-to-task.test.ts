import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { newCredential } from '../../../src-renderer/features/discovery/discovery-form';
import { buildDiscoveryRequest } from '../../../src-renderer/features/discovery/discovery-validation';
import { searchDefaults, useDiscoveryWizardStore } from '../../../src-renderer/features/discovery/discovery-wizard.store';
import { searchSummaryOf } from '../../../src-renderer/features/tasks/discovery-params';
import { searchTargetText } from '../../../src-renderer/features/tasks/discovery-params';
import { buildTaskInput } from '../../../src-renderer/features/tasks/task-form';
import { useTaskWizardStore } from '../../../src-renderer/features/tasks/task-wizard.store';

const DEMO = { spec: '127.20.0.1-127.20.0.200', port: 1161 };

/** Keys with their options, so the test reads what the table would say without the catalogues. */
const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key}${JSON.stringify(options)}` : key)) as unknown as TFunction;

describe('a search becomes a task in one step (issue 14, item 7)', () => {
  it('a new task\'s search step starts from the search wizard\'s defaults: the demo range and port, not empty and 161', () => {
    useDiscoveryWizardStore.getState().offerDemo(DEMO);
    useTaskWizardStore.getState().openNew();
    const { discovery } = useTaskWizardStore.getState().form;
    expect(discovery).toMatchObject({ addresses: DEMO.spec, port: 1161, enabled: { addresses: true } });
    expect(searchDefaults()).toMatchObject({ addresses: DEMO.spec, port: 1161 });
    // Resetting the search wizard goes back to the same defaults.
    useDiscoveryWizardStore.getState().edit(() => ({ addresses: '10.0.0.0/24', port: 161 }));
    useDiscoveryWizardStore.getState().reset();
    expect(useDiscoveryWizardStore.getState().form).toMatchObject({ addresses: DEMO.spec, port: 1161 });
  });

  it('"Save as task" carries every value of the wizard into the task, which saves the same request', () => {
    const store = useDiscoveryWizardStore.getState();
    store.reset();
    store.edit((f) => ({
      name: 'Nightly branch sweep',
      addresses: '10.1.0.0/24, 10.2.0.5',
      enabled: { ...f.enabled, slp: true },
      slpScopes: 'branch',
      port: 1161,
      timeoutMs: 700,
      retries: 3,
      ratePerSecond: 250,
      concurrency: 12,
      printersOnly: false,
      exclusions: '10.1.0.1',
      credentials: [newCredential({ version: 'v1', community: 'c0mmunity' }), newCredential({ version: 'v3', user: 'ops', level: 'authPriv', authKey: 'authkey-123', privKey: 'privkey-456' })],
    }));
    const form = useDiscoveryWizardStore.getState().form;
    const wizardRequest = buildDiscoveryRequest(form);
    expect(wizardRequest.ok).toBe(true);
    useTaskWizardStore.getState().openFromSearch(form, form.name, true);
    const task = useTaskWizardStore.getState();
    expect(task.opened).toBe(true);
    expect(task.step).toBe(2);
    expect(task.form).toMatchObject({ type: 'discovery', name: 'Nightly branch sweep' });
    const built = buildTaskInput(task.form, Date.now());
    if (!built.ok || !wizardRequest.ok) throw new Error(`not built: ${JSON.stringify(built)}`);
    expect(built.value.params).toEqual(wizardRequest.request);
    // An edit in the task does not reach back into the search wizard's draft.
    useTaskWizardStore.getState().edit((f) => ({ discovery: { ...f.discovery, addresses: '192.0.2.1' } }));
    expect(useDiscoveryWizardStore.getState().form.addresses).toBe('10.1.0.0/24, 10.2.0.5');
  });

  it('a search needing a correction opens on the search step', () => {
    useTaskWizardStore.getState().openFromSearch({ ...searchDefaults(), addresses: '10.0.0.300' }, 'x', false);
    expect(useTaskWizardStore.getState().step).toBe(1);
  });

  it('the task list names the range, the methods without targets and an odd port instead of "Found by the search"', () => {
    const summary = searchSummaryOf({ methods: [{ kind: 'addresses', spec: '127.20.0.1-127.20.0.200' }, { kind: 'slp' }], options: { port: 1161 } });
    expect(summary).toEqual({ targets: ['127.20.0.1-127.20.0.200'], methods: ['slp'], port: 1161 });
    expect(searchTargetText(t, summary ?? { targets: [], methods: [], port: null })).toBe('127.20.0.1-127.20.0.200 · discovery.short.slp · tasks.searchSummary.port{"port":1161}');
    const many = searchSummaryOf({ methods: [{ kind: 'addresses', spec: 'a.example, b.example\nc.example, d.example, e.example' }] });
    expect(many?.port).toBeNull();
    expect(searchTargetText(t, many ?? { targets: [], methods: [], port: null })).toBe('a.example, b.example, c.example tasks.searchSummary.more{"count":2}');
    expect(searchSummaryOf({ deviceIds: [] })).toBeNull();
  });
});
