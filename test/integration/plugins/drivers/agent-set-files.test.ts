import { X509Certificate, createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../../src-shared/auth/call-context';
import { AGENT_PROTOCOL, type AgentFacts, type AgentJob } from '../../../../src-shared/plugins/drivers/agent-protocol';
import { ConsoleLink, pinnedCertificate } from '../../../../src-main/agent/console-link';
import { consoleSetFiles } from '../../../../src-main/agent/job-runner';
import { readSetFrom } from '../../../../src-main/plugins/drivers/store-files/set-download';
import { driversPlugin } from '../../../../src-main/plugins/drivers/drivers.plugin';
import { createServer, type RunningServer } from '../../../../src-main/server/server';
import { selfSignedCertificate } from '../../../helpers/slapd';
import { hasVsftpd, startVsftpd, type VsftpdRig } from '../../../helpers/vsftpd';
import { http, startTestCore, type TestCore } from '../../server/server-rig';
import { driversApi, ippAssociation, uploadFolderSet, type DriversApi } from './drivers-rig';

/**
 * Agents get no store password: a job names the set's store, and the agent fetches the set's
 * files from the console (set-file, with its key, for a job it holds), which reads them from
 * the FTP store (vsftpd); the agent still checks each file against the manifest's SHA-256.
 */

const DATA = join(__dirname, 'data');
const work = mkdtempSync(join(tmpdir(), 'printdeck-set-files-'));
let ftp: VsftpdRig;
let rig: TestCore;
let drivers: DriversApi;
let server: RunningServer;
let ca: string;
const facts: AgentFacts = { os: 'linux', osVersion: 'Debian 13', agentVersion: '0.1.0', protectedPrint: null, queues: [] };

beforeAll(async () => {
  ftp = await startVsftpd();
  rig = await startTestCore({ plugins: [driversPlugin()] });
  drivers = driversApi(rig.core);
  const tls = await selfSignedCertificate({ ip: ['127.0.0.1'] });
  ca = tls.cert;
  mkdirSync(join(work, 'renderer'));
  server = await createServer({ core: rig.core, rendererDir: join(work, 'renderer'), tls, log: () => undefined });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await rig?.close();
  await ftp?.stop();
  rmSync(work, { recursive: true, force: true });
});

const post = async (endpoint: string, body: unknown, key?: string): Promise<Record<string, unknown>> => {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(key === undefined ? {} : { Authorization: `Bearer ${key}` }) };
  const reply = await http(server.port, `/plugins/drivers/agent/${endpoint}`, { method: 'POST', headers, body: JSON.stringify(body), ca });
  return JSON.parse(reply.body) as Record<string, unknown>;
};
const get = (query: string, key: string): ReturnType<typeof http> => http(server.port, `/plugins/drivers/agent/set-file?${query}`, { headers: { Authorization: `Bearer ${key}` }, ca });

describe.skipIf(!hasVsftpd)('set files for agents through the console', () => {
  it('a job carries no store password; its agent reads and checks the set through the console; others, other paths and closed jobs are refused', async () => {
    const store = await drivers.stores.save({ store: { name: 'Lab vsftpd', host: '127.0.0.1', port: ftp.port, directory: ftp.root, user: '', mode: 'passive', security: 'none', verifyCertificate: true } });
    const set = await uploadFolderSet(drivers, { storeId: store.id, name: 'Acme Laser PPD', dir: DATA, files: ['acme-laser.ppd'] });
    const deviceId = (await rig.core.api.devices.add({ address: '127.0.0.1', name: 'Printer' }, internalContext())).id;
    const associationId = await ippAssociation(drivers, { deviceId, setId: set.id, queueName: 'Lab-Acme', port: 631, defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null } });
    const { secret } = await drivers.clients.createEnrolmentToken({ validHours: 1, uses: 2 });
    const mine = await post('enrol', { protocol: AGENT_PROTOCOL, token: secret, name: 'lab-1', facts });
    const other = await post('enrol', { protocol: AGENT_PROTOCOL, token: secret, name: 'lab-2', facts });
    const key = String(mine.key);
    await rig.core.api.tasks.run({ type: 'drivers.installQueue', name: 'push', params: { clientIds: [Number(mine.clientId)], associationIds: [associationId], waitMinutes: 1 }, targets: { deviceIds: [], groupIds: [] }, mailTo: [] }, internalContext());
    let jobs: AgentJob[] = [];
    for (let i = 0; i < 50 && jobs.length === 0; i++) jobs = (await post('poll', { facts, wait: 1 }, key)).jobs as AgentJob[];
    const job = jobs[0];
    expect(job?.queues[0]?.set).toMatchObject({ folder: set.folder, manifestSha256: set.manifestSha256, store: { id: store.id, name: 'Lab vsftpd' } });
    expect(JSON.stringify(job)).not.toMatch(/password|"user"|"host":"127\.0\.0\.1","port":\d+,"directory"/);
    const jobId = job?.id ?? 0;

    const manifest = await get(`job=${jobId}&association=${associationId}&path=manifest.json`, key);
    expect(manifest.status).toBe(200);
    expect(createHash('sha256').update(manifest.body).digest('hex')).toBe(set.manifestSha256);
    const link = new ConsoleLink({ consoleUrl: `https://127.0.0.1:${server.port}`, fingerprint: new X509Certificate(ca).fingerprint256, certificate: await pinnedCertificate(`https://127.0.0.1:${server.port}`, new X509Certificate(ca).fingerprint256), caFile: null, key });
    const into = join(work, 'download');
    const read = await readSetFrom(consoleSetFiles(link)(jobId, associationId), { into, manifestSha256: set.manifestSha256 });
    expect(read).toMatchObject({ files: 1, bytes: readFileSync(join(DATA, 'acme-laser.ppd')).length });
    expect(readFileSync(join(into, 'acme-laser.ppd'))).toEqual(readFileSync(join(DATA, 'acme-laser.ppd')));

    writeFileSync(join(ftp.root, set.folder ?? '', 'acme-laser.ppd'), 'altered on the server');
    await expect(readSetFrom(consoleSetFiles(link)(jobId, associationId), { manifestSha256: set.manifestSha256 })).rejects.toMatchObject({ name: 'SetRefused', file: 'acme-laser.ppd' });
    await expect(readSetFrom(consoleSetFiles(link)(jobId, associationId), { manifestSha256: set.manifestSha256 })).rejects.toThrow(/^acme-laser\.ppd: 21 bytes where the manifest/);

    expect((await get(`job=${jobId}&association=${associationId}&path=acme-laser.ppd`, String(other.key))).status).toBe(404);
    expect((await get(`job=${jobId}&association=${associationId}&path=../../etc/passwd`, key)).status).toBe(400);
    expect((await get(`job=${jobId}&association=${associationId}&path=missing.ppd`, key)).status).toBe(404);
    expect((await get(`job=${jobId}&association=${associationId}&path=manifest.json`, 'pd_wrong')).status).toBe(401);
    await post('report', { reports: [{ jobId, ok: true, steps: [], queues: [], finishedAt: 1 }] }, key);
    expect(JSON.parse((await get(`job=${jobId}&association=${associationId}&path=manifest.json`, key)).body)).toEqual({ error: `no open job ${jobId} for this agent` });
  }, 60_000);
});
