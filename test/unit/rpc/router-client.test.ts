import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { AppError } from '../../../src-shared/rpc/app-error';
import { method, wireNames, type ContractImpl } from '../../../src-shared/rpc/contract-builder';
import { createEventHub } from '../../../src-shared/rpc/event-hub';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import { createRouter } from '../../../src-shared/rpc/router';

const contract = {
  math: {
    add: method(z.object({ a: z.number(), b: z.number() }), z.object({ sum: z.number() }), 'Adds.'),
    fail: method(z.object({ code: z.enum(['not-found', 'conflict']) }), z.object({}), 'Fails as asked.'),
    crash: method(z.object({}), z.object({}), 'Throws a non-AppError.'),
    secret: method(z.object({}), z.object({ ok: z.boolean() }), 'Administrators only.', ['administrator']),
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
  },
};

function client(role = 'administrator') {
  const internal: unknown[] = [];
  const router = createRouter(contract, impl, (error) => internal.push(error));
  const events = createEventHub<Record<string, unknown>>();
  const api = createApiClient(contract, createInProcessTransport(router, events, { role, via: 'in-process' }));
  return { api, router, events, internal };
}

describe('RPC router and client', () => {
  it('derives wire names from the contract keys', () => {
    expect(wireNames(contract)).toEqual(['math.add', 'math.fail', 'math.crash', 'math.secret']);
  });

  it('calls through and returns the value', async () => {
    await expect(client().api.math.add({ a: 2, b: 3 })).resolves.toEqual({ sum: 5 });
  });

  it('rejects bad arguments with invalid-argument naming the field, before the service runs', async () => {
    const reply = await client().router.handle('math.add', { a: 'two', b: 3 }, { role: 'administrator', via: 'test' });
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

  it('refuses unknown methods and callers without the role', async () => {
    const c = client('viewer');
    await expect(c.router.handle('math.nope', {}, { role: 'viewer', via: 'test' })).resolves.toMatchObject({ ok: false, error: { code: 'not-found' } });
    await expect(c.api.math.secret({})).rejects.toMatchObject({ code: 'forbidden' });
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
