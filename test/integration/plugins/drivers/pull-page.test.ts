import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../../src-shared/auth/call-context';
import { driversPlugin } from '../../../../src-main/plugins/drivers/drivers.plugin';
import { createServer, type RunningServer } from '../../../../src-main/server/server';
import { hasCups, startCups, type CupsRig } from '../../../helpers/cups';
import { hasVsftpd, startVsftpd, type VsftpdRig } from '../../../helpers/vsftpd';
import { addUser, http, signIn, startTestCore, type TestCore } from '../../server/server-rig';
import { driverlessSet, driversApi, uploadFolderSet, type DriversApi } from './drivers-rig';

/**
 * The pull page (issue 12 item 8) over HTTP: only users with the drivers.pullPage right see it
 * (a browser without a session is sent to sign in and back), the list is searched by name,
 * location and model, the installer fits the visitor's system (User-Agent, or ?os=) and is made of
 * the agent's own commands; run against a private cupsd it creates the queue with its defaults,
 * fetching a PPD over a signed link and refusing it when its SHA-256 differs.
 */

const DATA = join(__dirname, 'data');
const WINDOWS_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const LINUX_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const MAC_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
let cups: CupsRig;
let ftp: VsftpdRig;
let rig: TestCore;
let drivers: DriversApi;
let server: RunningServer;
let patCookie: string;
let deskCookie: string;
let driverlessId: number;
let ppdId: number;
const work = mkdtempSync(join(tmpdir(), 'printdeck-pull-test-'));

beforeAll(async () => {
  cups = await startCups();
  ftp = await startVsftpd();
  rig = await startTestCore({ plugins: [driversPlugin()] });
  drivers = driversApi(rig.core);
  server = await createServer({ core: rig.core, rendererDir: join(work, 'no-renderer'), log: () => undefined });
  const ctx = internalContext();
  const pullers = await rig.core.api.accounts.createGroup({ name: 'Printer installers', description: '', permissions: { 'drivers.pullPage': 'view' }, directoryGroups: [] }, ctx);
  const desk = await rig.core.api.accounts.createGroup({ name: 'Desk', description: '', permissions: { deviceList: 'view' }, directoryGroups: [] }, ctx);
  await rig.core.api.accounts.createUser({ name: 'pat', displayName: 'Pat', password: 'pat-password-1', groupIds: [pullers.id], mustChangePassword: false }, ctx);
  await rig.core.api.accounts.createUser({ name: 'dora', displayName: 'Dora', password: 'dora-password-1', groupIds: [desk.id], mustChangePassword: false }, ctx);
  await addUser(rig.core, 'alice', 'administrator', 'alice-password-1');
  patCookie = await signIn(server.port, 'pat', 'pat-password-1');
  deskCookie = await signIn(server.port, 'dora', 'dora-password-1');
  const deviceId = (await rig.core.api.devices.add({ address: '127.0.0.1', name: 'Lab printer' }, ctx)).id;
  const store = await drivers.stores.save({ store: { name: 'Lab vsftpd', host: '127.0.0.1', port: ftp.port, directory: ftp.root, user: '', mode: 'passive', security: 'none', verifyCertificate: true } });
  const ppdSet = await uploadFolderSet(drivers, { storeId: store.id, name: 'Acme Laser PPD', dir: DATA, files: ['acme-laser.ppd'] });
  const common = { deviceId, protocol: 'ipp' as const, port: cups.printerPort, resource: 'ipp/print' };
  driverlessId = (await drivers.associations.save({ association: { ...common, name: 'Floor 3 black and white', setId: await driverlessSet(drivers), queueName: 'floor3-bw', location: 'Floor 3, east wing', defaults: { color: 'monochrome', duplex: 'two-sided-long-edge', paperSize: 'iso_a4_210x297mm' } } })).id;
  ppdId = (await drivers.associations.save({ association: { ...common, name: 'Acme laser (PPD)', setId: ppdSet.id, queueName: 'acme-ppd', location: 'Basement', defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null } } })).id;
}, 90_000);

afterAll(async () => {
  await server?.close();
  await rig?.close();
  await ftp?.stop();
  await cups?.stop();
  rmSync(work, { recursive: true, force: true });
});

const page = (path: string, headers: Record<string, string> = {}): ReturnType<typeof http> => http(server.port, `/plugins/drivers/pull${path}`, { headers: { Cookie: patCookie, ...headers } });

/** Runs an installer script with sh against the private cupsd (CUPS_SERVER), as a person would with sudo (not blocking: it fetches from this console). */
function runScript(text: string): Promise<{ status: number | null; out: string }> {
  const file = join(work, `installer-${Date.now()}.sh`);
  writeFileSync(file, text);
  return new Promise((resolve) => {
    const child = spawn('sh', [file], { env: { ...process.env, CUPS_SERVER: cups.server }, timeout: 60_000 });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('close', (status) => resolve({ status, out }));
  });
}

describe.skipIf(!hasCups || !hasVsftpd)('the pull page', () => {
  it('sends a browser without a session to sign in and back, refuses a user without the pullPage right, and shows the page with its own script and style to one with it', async () => {
    const anonymous = await http(server.port, '/plugins/drivers/pull?q=floor', { headers: { Accept: 'text/html' } });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe(`/?next=${encodeURIComponent('/plugins/drivers/pull?q=floor')}`);
    expect((await http(server.port, '/plugins/drivers/pull', { headers: { Cookie: deskCookie } })).status).toBe(403);
    const reply = await page('', { 'User-Agent': LINUX_UA });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toContain('text/html');
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
    expect(reply.body).not.toMatch(/<script>(?!<)/);
    expect(reply.body).toContain('<script src="/plugins/drivers/pull/assets/pull.js" defer></script>');
    expect(reply.body).toContain('Floor 3 black and white');
    expect(reply.body).toContain('Acme laser (PPD)');
    const script = await page('/assets/pull.js');
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.body).toContain("addEventListener('input'");
    expect((await page('/assets/pull.css')).headers['content-type']).toContain('text/css');
  });

  it('searches by name, location and model, and speaks the visitor\'s language', async () => {
    const byLocation = await page('?q=east%20wing', { 'User-Agent': LINUX_UA });
    expect(byLocation.body).toContain('Floor 3 black and white');
    expect(byLocation.body).not.toContain('Acme laser (PPD)');
    const list = JSON.parse((await page('/list.json?q=basement&os=linux')).body) as { os: string; entries: { name: string; installable: boolean }[] };
    expect(list).toMatchObject({ os: 'linux', entries: [{ name: 'Acme laser (PPD)', installable: true }] });
    expect(JSON.parse((await page('/list.json?q=nothing-like-this')).body)).toMatchObject({ entries: [] });
    const ja = await page('', { 'Accept-Language': 'ja-JP,ja;q=0.9,en;q=0.8', 'User-Agent': LINUX_UA });
    expect(ja.body).toContain('<html lang="ja">');
    expect(ja.body).toContain('プリンターのインストール');
    expect((await page('', { 'Accept-Language': 'fr-FR,en;q=0.5' })).body).toContain('Install a printer');
  });

  it('offers the install for the visitor\'s system from its User-Agent, switchable with ?os=', async () => {
    const windows = await page('', { 'User-Agent': WINDOWS_UA });
    expect(windows.body).toContain(`href="/plugins/drivers/pull/install/${driverlessId}?os=windows"`);
    expect(windows.body).not.toContain(`/install/${ppdId}?os=`);
    expect(windows.body).toContain('Its driver is not for this system.');
    const mac = await page('', { 'User-Agent': MAC_UA });
    expect(mac.body).toContain(`/install/${ppdId}?os=macos`);
    expect(mac.body).toContain('<option value="macos" selected>');
    const switched = await page('?os=linux', { 'User-Agent': WINDOWS_UA });
    expect(switched.body).toContain(`/install/${ppdId}?os=linux`);
    const unknown = await page('', { 'User-Agent': 'curl/8.5.0' });
    expect(unknown.body).toContain('not recognised: choose it');
    expect((await page(`/install/${ppdId}`, { 'User-Agent': 'curl/8.5.0' })).status).toBe(400);
  });

  it('closes a visitor\'s connection after a few requests, so that newcomers are accepted in turn under load', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const headers: (string | undefined)[] = [];
    try {
      for (let i = 0; i < 9; i++) {
        headers.push(
          await new Promise<string | undefined>((resolve, reject) => {
            request({ host: '127.0.0.1', port: server.port, path: '/plugins/drivers/pull/list.json', agent, headers: { Cookie: patCookie } }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.headers.connection));
            }).on('error', reject).end();
          }),
        );
      }
    } finally {
      agent.destroy();
    }
    expect(headers.slice(0, 7)).toEqual(Array(7).fill('keep-alive'));
    expect(headers[7]).toBe('close');
    // A new connection starts counting again.
    expect(headers[8]).toBe('keep-alive');
  });

  it('makes a Windows installer from the agent\'s PowerShell steps (IPP class driver, defaults), and refuses a PPD for Windows', async () => {
    const ps = await page(`/install/${driverlessId}?os=windows`);
    expect(ps.status).toBe(200);
    expect(ps.headers['content-disposition']).toBe('attachment; filename="printdeck-floor3-bw.ps1"');
    expect(ps.body).toContain(`Add-Printer -Name 'floor3-bw' -IppURL 'http://127.0.0.1:${cups.printerPort}/ipp/print'`);
    expect(ps.body).toContain("Set-PrintConfiguration -PrinterName 'floor3-bw' -Color $false -DuplexingMode TwoSidedLongEdge -PaperSize A4");
    expect(ps.body).toContain('IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)');
    expect(ps.body).not.toMatch(/agent enrol|--token/);
    const refused = await page(`/install/${ppdId}?os=windows`);
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('is a PPD for CUPS: Windows cannot use it');
    expect((await page('/install/9999?os=linux')).status).toBe(404);
  });

  it('installs the driverless queue with its defaults through the script, which enrols nothing', async () => {
    const sh = await page(`/install/${driverlessId}?os=linux`);
    expect(sh.headers['content-disposition']).toBe('attachment; filename="printdeck-floor3-bw.sh"');
    expect(sh.body).toContain(`lpadmin '-p' 'floor3-bw' '-E' '-v' 'ipp://127.0.0.1:${cups.printerPort}/ipp/print' '-m' 'everywhere'`);
    expect(sh.body).not.toMatch(/agent enrol|--token/);
    const run = await runScript(sh.body);
    expect(run.out).toContain('Printdeck: the queue floor3-bw is installed');
    expect(run.status).toBe(0);
    expect(cups.run('lpstat', ['-h', cups.server, '-v', 'floor3-bw'])).toContain(`ipp://127.0.0.1:${cups.printerPort}/ipp/print`);
    const options = cups.run('lpoptions', ['-h', cups.server, '-p', 'floor3-bw']);
    expect(options).toContain('print-color-mode=monochrome');
    expect(options).toContain('media=iso_a4_210x297mm');
    // ippeveprinter offers one-sided printing only, so CUPS keeps sides=one-sided; the script asked for it:
    expect(sh.body).toContain("'-o' 'sides-default=two-sided-long-edge' '-o' 'Duplex=DuplexNoTumble'");
  }, 90_000);

  it('fetches a PPD over a signed link without a session, checks its SHA-256, and refuses one that differs with nothing installed', async () => {
    const sh = await page(`/install/${ppdId}?os=linux`);
    const url = /curl -fsSL -o "\$ppd" '([^']+)'/.exec(sh.body)?.[1] ?? '';
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/plugins/drivers/pull-files/`));
    const path = new URL(url).pathname;
    const file = await http(server.port, path);
    expect(file.status).toBe(200);
    expect(file.body).toBe(readFileSync(join(DATA, 'acme-laser.ppd'), 'utf8'));
    const forged = path.replace(/\.([0-9a-f])([0-9a-f]{63})\//, (_m, first: string, rest: string) => `.${first === '0' ? '1' : '0'}${rest}/`);
    expect((await http(server.port, forged)).status).toBe(403);
    expect((await http(server.port, path.replace('acme-laser.ppd', 'other.ppd'))).status).toBe(404);
    expect((await http(server.port, path.replace('acme-laser.ppd', '%E0%A4%A.ppd'))).status).toBe(404);

    const sum = /if \[ "\$sum" != '([0-9a-f]{64})' \]/.exec(sh.body)?.[1] ?? '';
    const tampered = await runScript(sh.body.split(sum).join('0'.repeat(64)));
    expect(tampered.status).toBe(1);
    expect(tampered.out).toContain("refused: acme-laser.ppd differs from the set's manifest");
    expect(() => cups.run('lpstat', ['-h', cups.server, '-v', 'acme-ppd'])).toThrow();

    const run = await runScript(sh.body);
    expect(run.out).toContain('acme-laser.ppd: SHA-256 checked');
    expect(run.status).toBe(0);
    expect(cups.run('lpstat', ['-h', cups.server, '-v', 'acme-ppd'])).toContain('acme-ppd');
  }, 90_000);
});
