import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { AppError } from '../../../src-shared/rpc/app-error';
import { method, wireNames, type ContractImpl } from '../../../src-shared/rpc/contract-builder';
import { createEventHub } from '../../../src-shared/rpc/event-hub';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import { createRouter } from '../../../src-shared/rpc/router';
import { change, PUBLIC, SIGNED_IN, view } from '../../../src-shared/auth/access';
import { callerContext, internalContext } from '../../../src-shared/auth/call-context';
import type { CallRecord } from '../../../src-shared/rpc/router';
import { aCallerWith, contextAs } from '../../helpers/callers';

const contract = {
  math: {
    add: method(z.object({ a: z.number(), b: z.number() }), z.object({ sum: z.number() }), 'Adds.', view('deviceList')),
    fail: method(z.object({ code: z.enum(['not-found', 'conflict']) }), z.object({}), 'Fails as asked.', change('deviceManagement')),
    crash: method(z.object({}), z.object({}), 'Throws a non-AppError.', SIGNED_IN),
    secret: method(z.object({}), z.object({ ok: z.boolean() }), 'Accounts changers only.', change('accounts')),
    hello: method(z.object({}), z.object({ ok: z.boolean() }), 'Anyone.', PUBLIC),
  },
};

const impl: ContractImpl<typeof contract> = {
  math: {
    add: ({ a, b }) => ({ sum: a + b }),
    fail: ({ code }) => {
      throw new AppError(code, `failed with ${code}`);
    },
    crash: () => {
      throw new TypeError('boom');
    },
    secret: () => ({ ok: true }),
    hello: () => ({ ok: true }),
  },
};

function client(role: 'administrator' | 'operator' | 'viewer' = 'administrator') {
  const internal: unknown[] = [];
  const records: CallRecord[] = [];
  const router = createRouter(contract, impl, { onInternal: (error) => internal.push(error), onRecord: (r) => records.push(r) });
  const events = createEventHub<Record<string, unknown>>();
  const api = createApiClient(contract, createInProcessTransport(router, events, contextAs(role)));
  return { api, router, events, internal, records };
}

describe('RPC router and client', () => {
  it('derives wire names from the contract keys', () => {
    expect(wireNames(contract)).toEqual(['math.add', 'math.fail', 'math.crash', 'math.secret', 'math.hello']);
  });

  it('calls through and returns the value', async () => {
    await expect(client().api.math.add({ a: 2, b: 3 })).resolves.toEqual({ sum: 5 });
  });

  it('rejects bad arguments with invalid-argument naming the field, before the service runs', async () => {
    const reply = await client().router.handle('math.add', { a: 'two', b: 3 }, internalContext());
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(reply.ok ? '' : reply.error.message).toMatch(/^math\.add: a: /);
  });

  it('carries AppError codes to the client as AppError', async () => {
    await expect(client().api.math.fail({ code: 'conflict' })).rejects.toMatchObject({ name: 'AppError', code: 'conflict', message: 'failed with conflict' });
  });

  it('hides unexpected errors as internal and reports them on the main side', async () => {
    const c = client();
    await expect(c.api.math.crash({})).rejects.toMatchObject({ code: 'internal' });
    expect(c.internal).toHaveLength(1);
  });

  it('refuses unknown methods and callers without the right, before parsing the argument', async () => {
    const c = client('viewer');
    await expect(c.router.handle('math.nope', {}, contextAs('viewer'))).resolves.toMatchObject({ ok: false, error: { code: 'not-found' } });
    await expect(c.api.math.secret({})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(c.router.handle('math.fail', { code: 'garbage' }, contextAs('viewer'))).resolves.toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/deviceManagement: change/) } });
    await expect(c.api.math.add({ a: 1, b: 1 })).resolves.toEqual({ sum: 2 });
  });

  it('answers nobody signed in only on public methods, with unauthorized elsewhere', async () => {
    const c = client();
    const nobody = callerContext(null, 'web');
    await expect(c.router.handle('math.hello', {}, nobody)).resolves.toEqual({ ok: true, value: { ok: true } });
    await expect(c.router.handle('math.crash', {}, nobody)).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expect(c.router.handle('math.add', { a: 1, b: 2 }, nobody)).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('goes by the granted level: view does not cover change, change covers view, absent is none', async () => {
    const c = client();
    const custom = callerContext(aCallerWith({ deviceList: 'view', accounts: 'view' }), 'web');
    await expect(c.router.handle('math.add', { a: 1, b: 2 }, custom)).resolves.toMatchObject({ ok: true });
    await expect(c.router.handle('math.secret', {}, custom)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(c.router.handle('math.fail', { code: 'conflict' }, custom)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const changer = callerContext(aCallerWith({ accounts: 'change' }), 'web');
    await expect(c.router.handle('math.secret', {}, changer)).resolves.toMatchObject({ ok: true });
    await expect(c.router.handle('math.add', { a: 1, b: 2 }, changer)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('records every change whatever its outcome and every refusal, but no allowed read', async () => {
    const c = client();
    await c.router.handle('math.add', { a: 1, b: 2 }, internalContext());
    await c.router.handle('math.secret', {}, internalContext());
    await c.router.handle('math.fail', { code: 'conflict' }, internalContext());
    await c.router.handle('math.fail', { code: 'garbage' }, internalContext());
    await c.router.handle('math.secret', {}, contextAs('viewer'));
    await c.router.handle('math.add', { a: 1, b: 2 }, callerContext(null, 'web'));
    expect(c.records.map((r) => [r.method, r.outcome, r.error?.code ?? null])).toEqual([
      ['math.secret', 'ok', null],
      ['math.fail', 'failed', 'conflict'],
      ['math.fail', 'failed', 'invalid-argument'],
      ['math.secret', 'refused', 'forbidden'],
      ['math.add', 'refused', 'unauthorized'],
    ]);
  });

  it('will not route a method that declares no access', () => {
    const undeclared = { math: { add: { ...contract.math.add, access: undefined } } } as unknown as typeof contract;
    expect(() => createRouter(undeclared, impl)).toThrow(/math\.add declares no access/);
  });

  it('forwards events to subscribers until they unsubscribe', () => {
    const c = client();
    const seen: string[] = [];
    const transport = createInProcessTransport(c.router, c.events);
    const stop = transport.subscribe((name) => seen.push(name));
    c.events.emit('devices.changed', { ids: [1], removed: [] });
    stop();
    c.events.emit('devices.changed', { ids: [2], removed: [] });
    expect(seen).toEqual(['devices.changed']);
  });
});
