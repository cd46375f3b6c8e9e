import { describe, expect, it } from 'vitest';
import { discoveryContract } from '../../../src-shared/contract/discovery.contract';
import { createRouter } from '../../../src-shared/rpc/router';
import type { ContractImpl } from '../../../src-shared/rpc/contract-builder';
import { internalContext } from '../../../src-shared/auth/call-context';
import { contextAs } from '../../helpers/callers';

/** The discovery contract at the edge: roles and argument checks come before the service. */

const calls: string[] = [];
const service: ContractImpl<{ discovery: typeof discoveryContract }>['discovery'] = {
  check: () => ({ addresses: 0, names: 0 }),
  start: () => {
    calls.push('start');
    return { runId: 1 };
  },
  cancel: () => {
    calls.push('cancel');
    return {};
  },
  listRuns: () => ({ runs: [] }),
  getRun: () => {
    throw new Error('not used');
  },
};
const router = createRouter({ discovery: discoveryContract }, { discovery: service });
const request = { methods: [{ kind: 'addresses', spec: '10.0.0.0/30' }] };

describe('discovery at the router', () => {
  it('lets viewers look at searches but not start or cancel one', async () => {
    const viewer = contextAs('viewer');
    expect(await router.handle('discovery.start', { request }, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await router.handle('discovery.cancel', { runId: 1 }, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await router.handle('discovery.listRuns', {}, viewer)).toMatchObject({ ok: true });
    expect(await router.handle('discovery.check', { request }, viewer)).toMatchObject({ ok: true });
    expect(calls).toEqual([]);
    expect(await router.handle('discovery.start', { request }, internalContext())).toMatchObject({ ok: true, value: { runId: 1 } });
  });

  it('names the bad field of a request', async () => {
    const bad = await router.handle('discovery.start', { request: { methods: [{ kind: 'slp', ttl: 0 }] } }, internalContext());
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/ttl/) } });
  });
});
