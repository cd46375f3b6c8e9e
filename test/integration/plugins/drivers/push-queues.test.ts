import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../../src-shared/auth/call-context';
import { clientsContract } from '../../../../src-shared/plugins/drivers/clients.contract';
import { DRIVERS_PLUGIN_ID } from '../../../../src-shared/plugins/drivers/drivers-ids';
import { createApiClient } from '../../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../../src-shared/rpc/in-process-transport';
import type { TaskDeviceResult } from '../../../../src-shared/contract/tasks.contract';
import { driversPlugin } from '../../../../src-main/plugins/drivers/drivers.plugin';
import { createServer, type RunningServer } from '../../../../src-main/server/server';
import { hasCups, startCups, type CupsRig } from '../../../helpers/cups';
import { selfSignedCertificate } from '../../../helpers/slapd';
import { hasVsftpd, startVsftpd, type VsftpdRig } from '../../../helpers/vsftpd';
import { startTestCore, type TestCore } from '../../server/server-rig';
import { AgentProcess } from './agent-process';
import { driverlessSet, driversApi, ippAssociation, uploadFolderSet, type DriversApi } from './drivers-rig';

/**
 * Issue 12, "Prove it": a real CUPS (a private cupsd) and a simulated IPP Everywhere printer
 * (ippeveprinter) on loopback; a console over HTTPS with the drivers plug-in; an agent process
 * enrols with a token, pinning the console's certificate, and — driven by push tasks — creates a
 * driverless queue and a PPD queue (uploaded through the plug-in to vsftpd, read back by the agent
 * and checked against its SHA-256 manifest) with their defaults, prints a page the printer receives, refuses a corrupted set,
 * and removes the queues. A job queued while the agent is away is collected when it comes back.
 */

const DATA = join(__dirname, 'data');
let cups: CupsRig;
let ftp: VsftpdRig;
let rig: TestCore;
let drivers: DriversApi;
let server: RunningServer;
let fingerprint: string;
let consoleTls: { cert: string; key: string };
let consoleUrl: string;
let stateDir: string;
let agent: AgentProcess | null = null;
let clientId: number;
let deviceId: number;
const work = mkdtempSync(join(tmpdir(), 'printdeck-agent-test-'));

const api = (): ReturnType<typeof createApiClient<{ clients: typeof clientsContract }>> =>
  createApiClient({ clients: clientsContract }, createInProcessTransport(rig.core.router, rig.core.events), DRIVERS_PLUGIN_ID);

async function runPush(type: 'drivers.installQueue' | 'drivers.removeQueue', params: Record<string, unknown>): Promise<{ state: string; devices: TaskDeviceResult[]; log: string }> {
  const { executionId } = await rig.core.api.tasks.run({ type, name: type, params, targets: { deviceIds: [], groupIds: [] }, mailTo: [] }, internalContext());
  for (let i = 0; i < 600; i++) {
    const detail = await rig.core.api.tasks.getExecution({ executionId }, internalContext());
    if (!['queued', 'running'].includes(detail.execution.state)) return { state: detail.execution.state, devices: detail.devices, log: detail.log.map((l) => l.line).join('\n') };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`execution ${executionId} did not end within 60 s; agent output:\n${agent?.output ?? ''}`);
}

function startAgent(): AgentProcess {
  agent = new AgentProcess(['run', '--state', stateDir, '--poll-wait', '2']);
  return agent;
}

beforeAll(async () => {
  cups = await startCups();
  ftp = await startVsftpd();
  rig = await startTestCore({ plugins: [driversPlugin()] });
  drivers = driversApi(rig.core);
  const tls = await selfSignedCertificate({ ip: ['127.0.0.1'] });
  consoleTls = tls;
  fingerprint = new X509Certificate(tls.cert).fingerprint256;
  const rendererDir = join(work, 'renderer');
  mkdirSync(rendererDir);
  server = await createServer({ core: rig.core, rendererDir, tls, log: () => undefined });
  consoleUrl = `https://127.0.0.1:${server.port}`;
  stateDir = join(work, 'agent-state');
  deviceId = (await rig.core.api.devices.add({ address: '127.0.0.1', name: 'Simulated IPP Everywhere printer' }, internalContext())).id;
}, 60_000);

afterAll(async () => {
  await agent?.stop();
  await server?.close();
  await rig?.close();
  await ftp?.stop();
  await cups?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!hasCups || !hasVsftpd)('pushing print queues to an agent with a real CUPS', () => {
  it('enrols an agent with a token over HTTPS, pinning the console certificate (or checking it with a CA file); the token is spent, a wrong pin is refused before anything is sent', async () => {
    const { secret } = await api().clients.createEnrolmentToken({ label: 'test', validHours: 1, uses: 1 });
    const wrongPin = await AgentProcess.run(['enrol', '--console', consoleUrl, '--token', secret, '--fingerprint', 'AA:'.repeat(31) + 'AA', '--state', stateDir, '--name', 'lab-pc-1', '--cups-server', cups.server]);
    expect(wrongPin.code).toBe(70);
    expect(wrongPin.output).toMatch(/not the pinned AA:AA.*refused/);
    const enrolled = await AgentProcess.run(['enrol', '--console', consoleUrl, '--token', secret, '--fingerprint', fingerprint, '--state', stateDir, '--name', 'lab-pc-1', '--cups-server', cups.server]);
    expect(enrolled.output).toMatch(/enrolled as client PC "lab-pc-1"/);
    expect(enrolled.code).toBe(0);
    expect(statSync(join(stateDir, 'config.json')).mode & 0o777).toBe(0o600);
    const again = await AgentProcess.run(['enrol', '--console', consoleUrl, '--token', secret, '--fingerprint', fingerprint, '--state', join(work, 'other-state'), '--name', 'lab-pc-2']);
    expect(again.output).toMatch(/enrolment token is unknown, expired or used up/);
    // Without a pin, a CA file (here the console's self-signed certificate, its own authority) verifies the console.
    const caFile = join(work, 'console-ca.pem');
    writeFileSync(caFile, consoleTls.cert);
    const second = await api().clients.createEnrolmentToken({ validHours: 1 });
    const viaCa = await AgentProcess.run(['enrol', '--console', consoleUrl, '--token', second.secret, '--ca', caFile, '--state', join(work, 'ca-state'), '--name', 'lab-pc-ca']);
    expect(viaCa).toMatchObject({ code: 0, output: expect.stringMatching(/enrolled as client PC "lab-pc-ca"/) });
    const [client] = (await api().clients.list({})).clients;
    expect(client).toMatchObject({ name: 'lab-pc-1', os: 'linux', source: 'agent', enrolled: true, agentVersion: '0.1.0', protectedPrint: null, queues: [] });
    expect(client?.lastContact).not.toBeNull();
    clientId = client?.id ?? 0;
  }, 60_000);

  it('a push task creates a driverless IPP Everywhere queue with black-and-white, duplex and A4 defaults; lp prints a page the printer receives', async () => {
    const associationId = await ippAssociation(drivers, { deviceId, setId: await driverlessSet(drivers), queueName: 'Lab-Everywhere', port: cups.printerPort, defaults: { color: 'monochrome', duplex: 'two-sided-long-edge', paperSize: 'iso_a4_210x297mm' } });
    startAgent();
    await agent?.waitFor(/polling/, 20_000);
    const run = await runPush('drivers.installQueue', { clientIds: [clientId], associationIds: [associationId], waitMinutes: 1 });
    expect(run.devices).toEqual([
      expect.objectContaining({
        label: 'lab-pc-1',
        ok: true,
        message: 'installed Lab-Everywhere',
        items: [expect.objectContaining({ item: 'Lab-Everywhere: queue', outcome: 'delivered' }), expect.objectContaining({ item: 'Lab-Everywhere: defaults', outcome: 'delivered' })],
      }),
    ]);
    expect(cups.run('lpstat', ['-h', cups.server, '-v'])).toContain(`device for Lab-Everywhere: ${cups.printerUri}`);
    const options = cups.run('lpoptions', ['-h', cups.server, '-p', 'Lab-Everywhere']);
    expect(options).toContain('print-color-mode=monochrome');
    expect(options).toContain('sides=two-sided-long-edge');
    expect(options).toContain('media=iso_a4_210x297mm');
    expect(options).toContain("printer-info='Printdeck: Lab-Everywhere association'");
    // An IPP Everywhere queue, not the raw queue CUPS shows until it has made the PPD (defaults set on that would be lost).
    expect(options).toContain("printer-make-and-model='Printer - IPP Everywhere'");
    expect(run.devices[0]?.items?.[0]?.message).toMatch(/^created Lab-Everywhere → ipp:\/\/127\.0\.0\.1:\d+\/ipp\/print \(IPP Everywhere: Printer - IPP Everywhere\)$/);
    cups.run('lp', ['-h', cups.server, '-d', 'Lab-Everywhere', '-o', 'raw', join(DATA, 'test-page.pdf')]);
    for (let i = 0; i < 100 && cups.received().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(cups.received()).toEqual([expect.stringMatching(/test-page_pdf\.pdf$/)]);
    const [client] = (await api().clients.list({})).clients;
    expect(client?.queues).toEqual([expect.objectContaining({ queueName: 'Lab-Everywhere', associationId })]);
    expect(client?.pendingJobs).toBe(0);
  }, 90_000);

  it('a PPD set from the FTP store: downloaded, every file checked against the SHA-256 manifest, the queue made with that PPD', async () => {
    const ppd = readFileSync(join(DATA, 'acme-laser.ppd'));
    const store = await drivers.stores.save({ store: { name: 'Lab vsftpd', host: '127.0.0.1', port: ftp.port, directory: ftp.root, user: '', mode: 'passive', security: 'none', verifyCertificate: true } });
    const set = await uploadFolderSet(drivers, { storeId: store.id, name: 'Acme Laser PPD', dir: DATA, files: ['acme-laser.ppd'] });
    const twoSided = { color: 'monochrome', duplex: 'two-sided-long-edge', paperSize: null } as const;
    const associationId = await ippAssociation(drivers, { deviceId, setId: set.id, queueName: 'Lab-Acme', port: cups.printerPort, defaults: twoSided });
    const run = await runPush('drivers.installQueue', { clientIds: [clientId], associationIds: [associationId], waitMinutes: 1 });
    expect(run.devices[0]).toMatchObject({ ok: true, message: 'installed Lab-Acme' });
    expect(run.devices[0]?.items?.map((i) => [i.item, i.outcome])).toEqual([
      ['Lab-Acme: download', 'delivered'],
      ['Lab-Acme: queue', 'delivered'],
      ['Lab-Acme: defaults', 'delivered'],
    ]);
    expect(run.devices[0]?.items?.[0]?.message).toMatch(/1 file .* each SHA-256 checked against the manifest/);
    const options = cups.run('lpoptions', ['-h', cups.server, '-p', 'Lab-Acme']);
    expect(options).toContain("printer-make-and-model='Acme Laser 5000 PS, 1.2.0'");
    expect(options).toContain('sides=two-sided-long-edge');
    expect(options).toContain('print-color-mode=monochrome');

    // The file altered on the server: the agent refuses it by name and creates nothing.
    writeFileSync(join(ftp.root, set.folder ?? '', 'acme-laser.ppd'), Buffer.concat([ppd.subarray(0, ppd.length - 10), Buffer.from('*% altered')]));
    const altered = await ippAssociation(drivers, { deviceId, setId: set.id, queueName: 'Lab-Altered', port: cups.printerPort, defaults: twoSided });
    const refused = await runPush('drivers.installQueue', { clientIds: [clientId], associationIds: [altered], waitMinutes: 1 });
    expect(refused.devices[0]).toMatchObject({ ok: false, items: [expect.objectContaining({ item: 'Lab-Altered: download', outcome: 'refused', message: expect.stringMatching(/^refused: acme-laser\.ppd: SHA-256 .* corrupted or altered, refused$/) })] });
    expect(cups.run('lpstat', ['-h', cups.server, '-v'])).not.toContain('Lab-Altered');
  }, 90_000);

  it('a job queued while the agent is away waits for it ("queued, waiting for the agent"); an agent that finds the console away retries until it is back; nothing is lost', async () => {
    await agent?.stop();
    const port = server.port;
    await server.close();
    const associationId = await ippAssociation(drivers, { deviceId, setId: await driverlessSet(drivers), queueName: 'Lab-Later', port: cups.printerPort, defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null } });
    const away = await runPush('drivers.installQueue', { clientIds: [clientId], associationIds: [associationId], waitMinutes: 0 });
    expect(away.devices).toEqual([expect.objectContaining({ label: 'lab-pc-1', ok: false, message: expect.stringMatching(/^queued, waiting for the agent/) })]);
    const [job] = (await api().clients.jobs({ clientId })).jobs;
    expect(job).toMatchObject({ state: 'queued', queueNames: ['Lab-Later'] });
    startAgent();
    await agent?.waitFor(/cannot reach the console \(.*ECONNREFUSED.*\); trying again in \d+ s/, 20_000);
    server = await createServer({ core: rig.core, rendererDir: join(work, 'renderer'), tls: consoleTls, port, log: () => undefined });
    for (let i = 0; i < 300 && (await api().clients.jobs({ clientId })).jobs[0]?.state !== 'done'; i++) await new Promise((r) => setTimeout(r, 100));
    await agent?.waitFor(/the console answers again/, 10_000);
    expect((await api().clients.jobs({ clientId })).jobs[0]).toMatchObject({ id: job?.id, state: 'done' });
    expect(cups.run('lpstat', ['-h', cups.server, '-v'])).toContain('device for Lab-Later:');
  }, 60_000);

  it('remove tasks delete the queues (lpadmin -x) and the client PC lists none', async () => {
    const run = await runPush('drivers.removeQueue', { clientIds: [clientId], deviceIds: [deviceId], waitMinutes: 1 });
    expect(run.devices[0]).toMatchObject({ ok: true });
    expect(run.devices[0]?.items?.map((i) => i.item)).toEqual(expect.arrayContaining(['Lab-Everywhere: remove', 'Lab-Acme: remove', 'Lab-Later: remove']));
    const listed = (() => {
      try {
        return cups.run('lpstat', ['-h', cups.server, '-v']);
      } catch (error) {
        return String(error);
      }
    })();
    expect(listed).not.toMatch(/Lab-(Everywhere|Acme|Later)/);
    for (let i = 0; i < 50 && ((await api().clients.list({})).clients[0]?.queues.length ?? 0) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await api().clients.list({})).clients[0]?.queues).toEqual([]);
  }, 60_000);
});
