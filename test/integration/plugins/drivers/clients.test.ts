import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_PROTOCOL, type AgentFacts } from '../../../../src-shared/plugins/drivers/agent-protocol';
import { clientsContract } from '../../../../src-shared/plugins/drivers/clients.contract';
import { DRIVERS_PLUGIN_ID } from '../../../../src-shared/plugins/drivers/drivers-ids';
import { createApiClient } from '../../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../../src-shared/rpc/in-process-transport';
import { internalContext } from '../../../../src-shared/auth/call-context';
import type { AuditEntry } from '../../../../src-shared/contract/audit.contract';
import { createServer, type RunningServer } from '../../../../src-main/server/server';
import { http, startTestCore, type TestCore } from '../../server/server-rig';
import { driversPlugin } from '../../../../src-main/plugins/drivers/drivers.plugin';
import { ENROL_MAX_FAILURES, ENROL_WINDOW_MS } from '../../../../src-main/plugins/drivers/clients/agent-routes';
import { CONTACT_NEWS_MS } from '../../../../src-main/plugins/drivers/store/clients.repository';

/**
 * Client PCs without a printer: CSV registration (nothing imported on a problem), static and
 * smart groups, enrolment tokens (spent, expiring, counted), the agents' endpoints (key checked,
 * facts recorded, jobs only to their own client, a withdrawn key refused) and the quick install.
 */

let rig: TestCore;
let server: RunningServer;
const api = (): ReturnType<typeof createApiClient<{ clients: typeof clientsContract }>> =>
  createApiClient({ clients: clientsContract }, createInProcessTransport(rig.core.router, rig.core.events), DRIVERS_PLUGIN_ID);
const facts = (over: Partial<AgentFacts> = {}): AgentFacts => ({ os: 'windows', osVersion: 'Windows 11 24H2', agentVersion: '0.1.0', protectedPrint: true, queues: [], ...over });
const post = async (endpoint: string, body: unknown, key?: string): Promise<{ status: number; json: Record<string, unknown> }> => {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (key !== undefined) headers.Authorization = `Bearer ${key}`;
  const reply = await http(server.port, `/plugins/drivers/agent/${endpoint}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: reply.status, json: JSON.parse(reply.body) as Record<string, unknown> };
};
const enrol = (token: string, name: string, over: Partial<AgentFacts> = {}): ReturnType<typeof post> => post('enrol', { protocol: AGENT_PROTOCOL, token, name, facts: facts(over) });

beforeAll(async () => {
  rig = await startTestCore({ plugins: [driversPlugin()] });
  server = await createServer({ core: rig.core, rendererDir: join(tmpdir(), 'printdeck-no-renderer'), log: () => undefined });
});
afterAll(async () => {
  await server?.close();
  await rig?.close();
});

describe('client PCs', () => {
  it('imports a CSV only when every line is right, naming each bad line; a known name is updated', async () => {
    const bad = await api().clients.importCsv({ text: 'name,os,site\nPC-1,windows,Osaka\nPC-2,amiga,Osaka\nPC-3,,Tokyo\n' });
    expect(bad).toEqual({ ok: false, added: 0, updated: 0, problems: [{ line: 3, message: 'os "amiga" is not windows, macos or linux' }, { line: 4, message: 'os "" is not windows, macos or linux' }] });
    expect((await api().clients.list({})).clients).toEqual([]);
    expect(await api().clients.importCsv({ text: 'name,os,site\nPC-1,windows,Osaka\nlab-1,linux,Osaka lab\nmac-1,macOS,Tokyo\n', dryRun: true })).toMatchObject({ ok: true, added: 3 });
    expect((await api().clients.list({})).clients).toEqual([]);
    expect(await api().clients.importCsv({ text: 'name,os,site\nPC-1,windows,Osaka\nlab-1,linux,Osaka lab\nmac-1,macOS,Tokyo\n' })).toEqual({ ok: true, added: 3, updated: 0, problems: [] });
    expect(await api().clients.importCsv({ text: 'name;os;site\npc-1;windows;Kyoto\n' })).toEqual({ ok: true, added: 0, updated: 1, problems: [] });
    const clients = (await api().clients.list({})).clients;
    expect(clients.map((c) => [c.name, c.os, c.site, c.source, c.enrolled])).toEqual([
      ['lab-1', 'linux', 'Osaka lab', 'csv', false],
      ['mac-1', 'macos', 'Tokyo', 'csv', false],
      ['pc-1', 'windows', 'Kyoto', 'csv', false],
    ]);
  });

  it('groups: static members (unknown ones refused) and smart groups resolved now', async () => {
    const ids = new Map((await api().clients.list({})).clients.map((c) => [c.name, c.id]));
    await expect(api().clients.saveGroup({ group: { name: 'Broken', kind: 'static', memberIds: [9_999] } })).rejects.toThrow(/no client PCs numbered 9999/);
    const fixed = await api().clients.saveGroup({ group: { name: 'Front desk', kind: 'static', memberIds: [ids.get('pc-1') ?? 0] } });
    expect(fixed.memberIds).toEqual([ids.get('pc-1')]);
    const smart = await api().clients.saveGroup({ group: { name: 'Osaka Linux', kind: 'smart', filter: { os: 'linux', name: '', site: 'osaka' } } });
    expect(smart.memberIds).toEqual([ids.get('lab-1')]);
    await api().clients.save({ client: { name: 'lab-2', os: 'linux', site: 'Osaka lab 2' } });
    expect((await api().clients.groups({})).groups.find((g) => g.name === 'Osaka Linux')?.memberIds).toHaveLength(2);
    await expect(api().clients.saveGroup({ group: { name: 'osaka linux', kind: 'static' } })).rejects.toThrow(/exists already/);
  });

  it('an agent enrols with a token (once per use, not after it expires) and takes the listed PC of its name (whatever its case)', async () => {
    const { token, secret } = await api().clients.createEnrolmentToken({ validHours: 1, uses: 2 });
    expect(token).toMatchObject({ uses: 2, used: 0 });
    expect((await api().clients.enrolmentTokens({})).tokens.map((t) => t.id)).toEqual([token.id]);
    const first = await enrol(secret, 'PC-1');
    expect(first.status).toBe(200);
    const pc1 = (await api().clients.list({})).clients.find((c) => c.name === 'pc-1');
    expect(pc1).toMatchObject({ id: first.json.clientId, source: 'csv', enrolled: true, protectedPrint: true, osVersion: 'Windows 11 24H2', agentVersion: '0.1.0' });
    expect((await enrol(secret, 'new-pc', { os: 'linux', protectedPrint: null })).status).toBe(200);
    expect((await api().clients.list({})).clients.find((c) => c.name === 'new-pc')).toMatchObject({ source: 'agent', os: 'linux' });
    const third = await enrol(secret, 'third-pc');
    expect(third).toEqual({ status: 403, json: { error: expect.stringMatching(/unknown, expired or used up/) } });
    expect((await api().clients.enrolmentTokens({})).tokens).toEqual([]);
    const later = await api().clients.createEnrolmentToken({ validHours: 1 });
    rig.clock.advance(61 * 60_000);
    expect((await enrol(later.secret, 'late-pc')).status).toBe(403);
    expect((await post('enrol', { protocol: AGENT_PROTOCOL, token: 'x', name: 'y' })).json.error).toMatch(/^facts: /);
  });

  it('polls with the key record what the agent tells; other keys, a report of a job not its own and a withdrawn key are refused', async () => {
    const { secret } = await api().clients.createEnrolmentToken({ validHours: 1, uses: 2 });
    const a = await enrol(secret, 'mac-1', { os: 'macos', protectedPrint: null });
    const b = await enrol(secret, 'lab-1', { os: 'linux', protectedPrint: null });
    const keyA = String(a.json.key);
    expect(await post('poll', { facts: facts({ os: 'macos', protectedPrint: null, queues: ['Floor3'] }), wait: 0 }, keyA)).toEqual({ status: 200, json: { jobs: [] } });
    expect((await api().clients.list({})).clients.find((c) => c.name === 'mac-1')?.queues.map((q) => q.queueName)).toEqual(['Floor3']);
    expect((await post('poll', { facts: facts(), wait: 0 }, 'not-a-key')).status).toBe(401);
    expect((await post('poll', { facts: facts(), wait: 0 })).status).toBe(401);
    const report = { reports: [{ jobId: 12345, ok: true, steps: [], queues: [], finishedAt: 1 }] };
    expect(await post('report', report, String(b.json.key))).toEqual({ status: 200, json: { accepted: [] } });
    await api().clients.revokeAgent({ id: Number(a.json.clientId) });
    expect((await post('poll', { facts: facts(), wait: 0 }, keyA)).json.error).toMatch(/enrol this agent again/);
    expect((await http(server.port, '/plugins/drivers/agent/nothing', { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('the quick install gives one line per OS with a fresh token that enrols', async () => {
    const quick = await api().clients.quickInstall({ consoleUrl: 'https://printdeck.example:8443', validHours: 2, uses: 7 });
    expect(quick.token).toMatchObject({ label: 'quick install', uses: 7 });
    const token = /^printf '%s\\n' '([^']+)'/.exec(quick.unix)?.[1] ?? '';
    expect(quick.unix).toBe(`printf '%s\\n' '${token}' | sudo printdeck agent enrol --console 'https://printdeck.example:8443' --token - --install-service`);
    expect(quick.windows).toContain(`'${token}' | & printdeck.cmd agent enrol --console 'https://printdeck.example:8443' --token -`);
    const byDefault = await api().clients.quickInstall({ consoleUrl: 'https://printdeck.example:8443/console/?a=b&c' });
    expect(byDefault.token).toMatchObject({ uses: 5, expiresAt: rig.clock.now() + 24 * 3_600_000 });
    expect(byDefault.unix).toContain("--console 'https://printdeck.example:8443' ");
    await expect(api().clients.quickInstall({ consoleUrl: 'https://a&calc.exe/' })).rejects.toThrow(/host name or address/);
    expect((await enrol(token, 'quick-pc')).status).toBe(200);
    await expect(api().clients.quickInstall({ consoleUrl: 'http://printdeck.example' })).rejects.toThrow(/HTTPS only/);
  });

  it('an SSH login\'s private key and passphrase never reach the system log', async () => {
    const body = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACBpcmludGRlY2sgdGVzdCBrZXkgbm90IHJlYWwgYXQgYWxs';
    const privateKey = `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`;
    await api().clients.saveSshLogin({ login: { name: 'Audit check', user: 'deploy', privateKey, passphrase: 'correct horse battery' } });
    const log = await rig.core.api.audit.list({ limit: 50 }, internalContext());
    const entry = log.entries.find((e) => e.action === 'drivers.clients.saveSshLogin');
    expect(entry).toBeDefined();
    const stored = JSON.stringify(entry);
    expect(stored).not.toContain('PRIVATE KEY');
    for (let i = 0; i + 12 <= body.length; i += 6) expect(stored).not.toContain(body.slice(i, i + 12));
    expect(stored).not.toContain('correct horse');
  });

  it('an agent cannot take over a PC that has one by enrolling under its name: only a token made for that PC, or after its agent is forgotten', async () => {
    const first = await api().clients.createEnrolmentToken({ validHours: 1, uses: 3 });
    const owner = await enrol(first.secret, 'desk-7');
    expect(owner.status).toBe(200);
    const takeover = await enrol(first.secret, 'DESK-7');
    expect(takeover).toEqual({ status: 409, json: { error: expect.stringMatching(/"desk-7" has an agent already: forget its agent/) } });
    expect((await api().clients.enrolmentTokens({})).tokens.find((t) => t.id === first.token.id)?.used).toBe(1);
    expect((await post('poll', { facts: facts(), wait: 0 }, String(owner.json.key))).status).toBe(200);
    const id = Number(owner.json.clientId);
    const forPc = await api().clients.createEnrolmentToken({ validHours: 1, clientId: id });
    expect(forPc.token.clientId).toBe(id);
    expect((await enrol(forPc.secret, 'other-pc')).json.error).toMatch(/made for another client PC/);
    const again = await enrol(forPc.secret, 'desk-7');
    expect(again).toMatchObject({ status: 200, json: { clientId: id } });
    expect((await post('poll', { facts: facts(), wait: 0 }, String(owner.json.key))).status).toBe(401);
    await api().clients.revokeAgent({ id });
    expect((await enrol(first.secret, 'desk-7')).status).toBe(200);
    await expect(api().clients.createEnrolmentToken({ clientId: 99_999 })).rejects.toThrow(/no client PC 99999/);
    const log = await rig.core.api.audit.list({ limit: 50 }, internalContext());
    expect(log.entries.find((e) => e.action === 'drivers.clients.revokeAgent')?.targets).toEqual([`drivers ${id}`]);
  });

  it('removing client PCs cancels their queued jobs; the system log names who changed what', async () => {
    const ids = (await api().clients.list({})).clients.map((c) => c.id);
    expect(await api().clients.remove({ ids })).toEqual({ removed: ids.length });
    expect((await api().clients.list({})).clients).toEqual([]);
    const log = await rig.core.api.audit.list({ limit: 50 }, internalContext());
    expect(log.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['drivers.clients.importCsv', 'drivers.clients.remove']));
  });
});

describe('polls that change nothing', () => {
  it('tell open views only when the facts or queues changed, or the PC was silent for a while', async () => {
    rig.clock.advance(ENROL_WINDOW_MS);
    const { secret } = await api().clients.createEnrolmentToken({ validHours: 1 });
    const key = String((await enrol(secret, 'quiet-pc', { os: 'linux', protectedPrint: null })).json.key);
    const linux = facts({ os: 'linux', protectedPrint: null, queues: ['Floor3'] });
    let told = 0;
    const stop = rig.core.events.subscribe((name, payload) => {
      if (name === 'plugin.data' && (payload as { topic?: string }).topic === 'clients') told++;
    });
    try {
      await post('poll', { facts: linux, wait: 0 }, key);
      expect(told).toBe(1);
      const installedAt = (await api().clients.list({})).clients.find((c) => c.name === 'quiet-pc')?.queues[0]?.installedAt;
      rig.clock.advance(60_000);
      for (let i = 0; i < 3; i++) await post('poll', { facts: linux, wait: 0 }, key);
      expect(told).toBe(1);
      const quiet = (await api().clients.list({})).clients.find((c) => c.name === 'quiet-pc');
      expect(quiet).toMatchObject({ lastContact: rig.clock.now(), queues: [expect.objectContaining({ queueName: 'Floor3', installedAt })] });
      await post('poll', { facts: { ...linux, queues: ['Floor3', 'Floor4'] }, wait: 0 }, key);
      expect(told).toBe(2);
      await post('poll', { facts: { ...linux, queues: ['Floor3', 'Floor4'], agentVersion: '0.2.0' }, wait: 0 }, key);
      expect(told).toBe(3);
      rig.clock.advance(CONTACT_NEWS_MS);
      await post('poll', { facts: { ...linux, queues: ['Floor3', 'Floor4'], agentVersion: '0.2.0' }, wait: 0 }, key);
      expect(told).toBe(4);
    } finally {
      stop();
    }
  });
});

describe('enrolments and agent keys in the system log', () => {
  it('logs each enrolment and refusal, a refused key once a minute with a count, and answers 429 after repeated failures from one address', async () => {
    rig.clock.advance(ENROL_WINDOW_MS); // the failures of the tests before leave the window
    const since = rig.clock.now();
    const logged = async (): Promise<AuditEntry[]> => (await rig.core.api.audit.list({ limit: 200 }, internalContext())).entries.filter((e) => e.at >= since);
    const { secret } = await api().clients.createEnrolmentToken({ validHours: 1, uses: 1 });
    expect((await enrol(secret, 'logged-pc')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await post('poll', { facts: facts(), wait: 0 }, 'pd_not-a-key')).status).toBe(401);
    let entries = await logged();
    expect(entries.find((e) => e.action === 'drivers.agent.enrol' && e.outcome === 'ok')).toMatchObject({ userName: 'agent', address: expect.any(String), targets: [expect.stringMatching(/^client \d+$/), 'name logged-pc'] });
    expect(entries.filter((e) => e.action === 'drivers.agent.signIn')).toEqual([expect.objectContaining({ outcome: 'refused', message: expect.stringMatching(/^unknown or withdrawn agent key/), targets: ['endpoint poll'] })]);
    rig.clock.advance(61_000);
    await post('poll', { facts: facts(), wait: 0 }, 'pd_not-a-key');
    entries = await logged();
    expect(entries.filter((e) => e.action === 'drivers.agent.signIn').map((e) => e.message)).toContain('unknown or withdrawn agent key (2 more like it were refused since the last entry)');

    for (let i = 0; i < ENROL_MAX_FAILURES; i++) expect((await enrol(`pd_wrong-${i}`, 'guess')).status).toBe(403);
    const limited = await http(server.port, '/plugins/drivers/agent/enrol', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ protocol: AGENT_PROTOCOL, token: secret, name: 'x', facts: facts() }) });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    const fresh = await api().clients.createEnrolmentToken({ validHours: 2 });
    expect((await enrol(fresh.secret, 'after-limit')).status).toBe(429);
    entries = await logged();
    expect(entries.filter((e) => e.action === 'drivers.agent.enrol' && e.outcome === 'refused' && /unknown, expired or used up/.test(e.message ?? ''))).toHaveLength(ENROL_MAX_FAILURES);
    rig.clock.advance(ENROL_WINDOW_MS);
    expect((await enrol(fresh.secret, 'after-limit')).status).toBe(200);
  });
});
