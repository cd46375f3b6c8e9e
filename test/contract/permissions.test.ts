import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { allows, type Caller, type MethodAccess } from '../../src-shared/auth/access';
import { callerContext, internalContext } from '../../src-shared/auth/call-context';
import { appContract } from '../../src-shared/contract/app.contract';
import type { ClientTransport } from '../../src-shared/rpc/envelope';
import { createInProcessTransport } from '../../src-shared/rpc/in-process-transport';
import { createWebSocketTransport } from '../../src-shared/rpc/websocket-transport';
import { createCore, type Core } from '../../src-main/core/create-core';
import { createServer, type RunningServer } from '../../src-main/server/server';

/**
 * Every contract method, for every built-in role and a custom group, over the in-process and
 * WebSocket transports: allowed exactly when the method's declared access covers the caller's
 * grants ('forbidden' otherwise), and every call the router lets through as a change — or
 * refuses — leaves exactly one row in the system log; an allowed read leaves none.
 * Arguments are empty ({}): access is checked before arguments are parsed, so an allowed call
 * answers anything but 'forbidden'/'unauthorized' (mostly 'invalid-argument'), which also keeps
 * the walk from changing anything.
 */

const CUSTOM_MATRIX = { deviceList: 'view', deviceManagement: 'change', tasks: 'view', systemLog: 'view' } as const;
const PASSWORD = 'permissions-test-password';

interface Subject {
  label: string;
  caller: Caller;
  tokenSecret: string;
}

let dir: string;
let core: Core;
let server: RunningServer;
const subjects: Subject[] = [];
const serverLogs: string[] = [];

/** Methods whose service writes its own row however it ends (sign-out is always logged). */
const SELF_AUDITED = new Set(['auth.signOut']);

function methods(): { wire: string; access: MethodAccess }[] {
  return Object.entries(appContract).flatMap(([service, spec]) => Object.entries(spec).map(([name, m]) => ({ wire: `${service}.${name}`, access: m.access })));
}

async function auditCount(): Promise<number> {
  // The newest id is the count's proxy: rows are never deleted during the test.
  const { entries } = await core.api.audit.list({ limit: 1 }, internalContext());
  return entries[0]?.id ?? 0;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'printdeck-permissions-'));
  core = await createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../resources'), version: '0.0.0-permissions', pollIntervalMs: 3_600_000, log: (line) => void serverLogs.push(line) });
  const admin = internalContext();
  const { groups } = await core.api.accounts.listGroups({}, admin);
  const groupId = (role: string): number => {
    const group = groups.find((g) => g.builtin === role);
    if (!group) throw new Error(`no built-in group ${role}`);
    return group.id;
  };
  const custom = await core.api.accounts.createGroup({ name: 'Desk staff', description: '', permissions: CUSTOM_MATRIX, directoryGroups: [] }, admin);
  for (const [label, groupIds] of [
    ['administrator', [groupId('administrator')]],
    ['operator', [groupId('operator')]],
    ['viewer', [groupId('viewer')]],
    ['custom group', [custom.id]],
  ] as const) {
    const user = await core.api.accounts.createUser({ name: label.replace(' ', '-'), displayName: label, password: PASSWORD, groupIds: [...groupIds], mustChangePassword: false }, admin);
    const { secret } = await core.api.accounts.createToken({ userId: user.id, name: 'walk' }, admin);
    const resolved = core.auth.resolveApiToken(secret);
    if (!resolved) throw new Error(`the token of ${label} does not resolve`);
    subjects.push({ label, caller: resolved.caller, tokenSecret: secret });
  }
  server = await createServer({ core, rendererDir: join(dir, 'no-renderer'), log: (line) => void serverLogs.push(line) });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await core?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const TRANSPORTS: { name: string; open: (subject: Subject) => ClientTransport }[] = [
  { name: 'in-process', open: (subject) => createInProcessTransport(core.router, core.events, callerContext(subject.caller, 'in-process')) },
  {
    name: 'WebSocket',
    open: (subject) =>
      createWebSocketTransport({ connect: () => new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers: { Authorization: `Bearer ${subject.tokenSecret}` } }), replyTimeoutMs: 10_000 }),
  },
];

describe.each(TRANSPORTS)('every contract method over the $name transport', ({ open }) => {
  it.each(['administrator', 'operator', 'viewer', 'custom group'])('as %s: allowed exactly as declared, and audited', async (label) => {
    const subject = subjects.find((s) => s.label === label);
    if (!subject) throw new Error(`no subject ${label}`);
    const transport = open(subject);
    const wrong: string[] = [];
    try {
      for (const { wire, access } of methods()) {
        const before = await auditCount();
        const reply = await transport.request(wire, {});
        const after = await auditCount();
        const allowed = allows(subject.caller, access);
        const refused = !reply.ok && (reply.error.code === 'forbidden' || reply.error.code === 'unauthorized');
        if (allowed === refused) wrong.push(`${wire}: ${allowed ? 'allowed' : 'refused'} by its declaration, but answered ${reply.ok ? 'ok' : reply.error.code}`);
        const isChange = access.kind === 'function' && access.level === 'change';
        const expectedRows = !allowed || isChange || SELF_AUDITED.has(wire) ? 1 : 0;
        if (after - before !== expectedRows) wrong.push(`${wire}: ${after - before} audit rows, expected ${expectedRows}`);
      }
    } finally {
      transport.close?.();
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});

describe('the built-in roles and a custom group, as the whitepaper grants them', () => {
  /** Who may call a few methods that matter, written out by hand (not derived from the declarations). */
  const EXPECTED: Record<string, readonly string[]> = {
    'devices.list': ['administrator', 'operator', 'viewer', 'custom group'],
    'devices.listRows': ['administrator', 'operator', 'viewer', 'custom group'],
    'devices.remove': ['administrator', 'operator', 'custom group'],
    'discovery.start': ['administrator', 'operator'],
    'tasks.list': ['administrator', 'operator', 'viewer', 'custom group'],
    'tasks.runNow': ['administrator', 'operator'],
    'monitoring.createCondition': ['administrator', 'operator'],
    'monitoring.updateSettings': ['administrator'],
    'mail.updateSettings': ['administrator'],
    'accounts.listUsers': ['administrator'],
    'accounts.createUser': ['administrator'],
    'audit.list': ['administrator', 'custom group'],
    'audit.updateSettings': ['administrator'],
    'auth.me': ['administrator', 'operator', 'viewer', 'custom group'],
  };

  it.each(Object.entries(EXPECTED))('%s is open to exactly %j', (wire, who) => {
    const [service = '', name = ''] = wire.split('.');
    const spec = (appContract as unknown as Record<string, Record<string, { access: MethodAccess }>>)[service]?.[name];
    if (!spec) throw new Error(`no method ${wire}`);
    expect(subjects.filter((s) => allows(s.caller, spec.access)).map((s) => s.label)).toEqual(who);
  });

  it('names the function and level in every refusal, and writes who was refused', async () => {
    const viewer = subjects.find((s) => s.label === 'viewer');
    if (!viewer) throw new Error('no viewer');
    const reply = await core.router.handle('devices.remove', { ids: [1] }, callerContext(viewer.caller, 'web', { address: '127.0.0.9' }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/deviceManagement: change/) } });
    const { entries } = await core.api.audit.list({ limit: 1 }, internalContext());
    expect(entries[0]).toMatchObject({ userName: 'viewer', host: 'web', address: '127.0.0.9', action: 'devices.remove', function: 'deviceManagement', targets: ['device 1'], outcome: 'refused', errorCode: 'forbidden' });
  });

  it('logged no internal failure while walking the contract', () => {
    expect(serverLogs.filter((line) => / failed: /.test(line))).toEqual([]);
  });
});
