import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { generate } from 'selfsigned';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { appContract } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createWebSocketTransport } from '../../../src-shared/rpc/websocket-transport';
import { CliProcess, describeResult, freeUdpPort, requireBuiltCli, runCli } from '../cli/cli-process';
import { cookieOf, http, mustOpenApi, postSignIn } from './server-rig';

/**
 * Spawns the built `printdeck serve`: with --demo 200 simulated printers on 127.71.1.1–127.71.1.200
 * at a UDP port the system picks (the contract test has 127.71.0.x); HTTP(S) on 127.0.0.1 at a
 * free TCP port; no trap listener except in the demo test (a fixed port below the ephemeral range).
 */

let scratch: string;
beforeAll(() => {
  requireBuiltCli();
  scratch = mkdtempSync(join(tmpdir(), 'printdeck-serve-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a first start prints: the address, the one-time password of "admin" and the one-time link. */
const FIRST_START = /First start: sign in at (\S+) as "admin" with the one-time password (\S+) \(you choose your own at once\),\nor open this one-time sign-in link \(it works once, within 15 minutes\): (\S+)\n/;

function firstStart(stdout: string): { url: URL; password: string; link: URL } {
  const [, url = '', password = '', link = ''] = FIRST_START.exec(stdout) ?? [];
  return { url: new URL(url), password, link: new URL(link) };
}

let running: CliProcess | null = null;
afterEach(() => {
  running?.kill();
  running = null;
});

describe('printdeck serve', () => {
  it('--demo prints a one-time password and link; after the password change the API lists the ~200 simulated printers; SIGINT stops it with exit 0', async () => {
    const demoPort = await freeUdpPort('127.71.1.1');
    // Below the ephemeral range (32768+), so no other test's socket takes it meanwhile; the listener binds 0.0.0.0.
    const trapPort = 16171;
    running = new CliProcess(['serve', '--demo', '--port', '0', '--demo-base', '127.71.1.1', '--demo-port', String(demoPort), '--trap-port', String(trapPort)]);
    const stdout = await running.waitForStdout(FIRST_START, 20_000);
    const { url, password, link } = firstStart(stdout);
    expect(url.href, stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(password, stdout).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(`${link.origin}${link.pathname}`).toBe(`${url.origin}/auth/link`);
    expect(stdout, 'no access token any more').not.toMatch(/token=/);

    // The link signs the built-in administrator in, who first replaces the one-time password.
    const redeemed = await http(Number(url.port), `${link.pathname}${link.search}`);
    expect([redeemed.status, redeemed.headers.location]).toEqual([303, '/']);
    const cookie = cookieOf(redeemed) ?? '';
    const headers = { Cookie: cookie, Origin: url.origin };
    const transport = createWebSocketTransport({ connect: () => new WebSocket(`ws://${url.host}/api`, { headers }) });
    try {
      const api = createApiClient(appContract, transport);
      await expect(api.auth.me({})).resolves.toMatchObject({ user: { name: 'admin', mustChangePassword: true }, host: 'web' });
      await expect(api.devices.list({}), 'nothing but the password change first').rejects.toMatchObject({ code: 'forbidden' });
      await api.auth.changePassword({ current: password, next: 'the-demo-admin-password' });
      await expect(api.system.info({})).resolves.toMatchObject({ demo: true, version: '0.1.0' });
      const deadline = Date.now() + 30_000;
      let devices = (await api.devices.list({})).devices;
      while (devices.length < 192 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        devices = (await api.devices.list({})).devices;
      }
      // The last 8 are left for a search to find.
      expect(devices.length, `devices listed after the demo fleet was added\n${running.stdout}\n${running.stderr}`).toBe(192);
      const states = new Set(devices.map((d) => d.state));
      expect([...states].sort(), 'a varied fleet: some fine, some in error or warning').toEqual(expect.arrayContaining(['error', 'ok']));
      expect(devices.some((d) => d.lastError !== null), 'some demo printers never answer').toBe(true);
      const hint = await running.waitForStdout(/Demo: 8 more wait to be found: Search devices, addresses (\S+), port (\d+)\./, 30_000);
      const [, spec, port] = /addresses (\S+), port (\d+)\./.exec(hint) ?? [];
      expect(spec).toBe('127.71.1.1-127.71.1.200');
      // The console's search wizard starts with the same range and port.
      expect((await api.system.info({})).demoSearch).toEqual({ spec, port: Number(port) });
      // Following the hint finds them: a search over the range adds the 8 (the silent demo printers stay silent).
      const { runId } = await api.discovery.start({ request: { methods: [{ kind: 'addresses', spec: spec ?? '' }], options: { port: Number(port), timeoutMs: 500 } } });
      let run = (await api.discovery.getRun({ runId })).run;
      while (run.state === 'running' && Date.now() < deadline + 30_000) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        run = (await api.discovery.getRun({ runId })).run;
      }
      expect(run.counts.new, JSON.stringify(run.counts)).toBe(8);
    } finally {
      transport.close?.();
    }
    await running.waitForStdout(/Demo: 192 simulated printers on 127\.71\.1\.1 … port \d+ added/, 30_000);

    running.signal('SIGINT');
    const result = await running.finish(15_000);
    expect(result.code, describeResult(result)).toBe(0);
    // The core's log says where traps are received; nothing else may be reported.
    expect(result.stderr, describeResult(result)).toMatch(new RegExp(`listening for SNMP traps on .*${trapPort}`));
    expect(result.stderr.split('\n').filter((line) => line !== '' && !line.includes('listening for SNMP traps')), describeResult(result)).toEqual([]);
  }, 90_000);

  it('refuses bad options with exit 2 naming the option', async () => {
    const cases: [string[], RegExp][] = [
      [['serve', '--port', '70000'], /--port "70000" must be a TCP port from 0/],
      [['serve', '--host', 'localhost'], /--host "localhost" must be an IP address/],
      [['serve', '--poll-interval', '0'], /--poll-interval "0" must be a whole number from 1 to 86400/],
      [['serve', '--demo-count', '5'], /--demo-count, --demo-base, --demo-port and --demo-web-port need --demo/],
      [['serve', '--demo', '--demo-base', '10.0.0.1'], /--demo-base "10\.0\.0\.1" must be a loopback IPv4 address/],
      [['serve', '--tls-cert', 'cert.pem'], /--tls-cert and --tls-key go together/],
      [['serve', '--tls-self-signed', '--tls-cert', 'a.pem', '--tls-key', 'b.pem'], /--tls-self-signed makes a certificate; it does not go with --tls-cert/],
      [['serve', '--allowed-origin', 'ftp://printdeck.example.com'], /--allowed-origin "ftp:\/\/printdeck\.example\.com" must be an origin/],
      [['serve', '--allowed-origin', 'https://printdeck.example.com/console'], /--allowed-origin "https:\/\/printdeck\.example\.com\/console" must be an origin/],
      [['serve', '--allowed-origin', 'printdeck'], /--allowed-origin "printdeck" is not an address/],
      [['serve', '--token', 'abc'], /unknown option "--token"/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, 15_000);
      expect(result.code, describeResult(result)).toBe(2);
      expect(result.stderr, describeResult(result)).toMatch(message);
    }
  }, 60_000);

  it('refuses a given certificate that cannot be read or does not match its key with exit 65, before starting anything', async () => {
    const data = join(scratch, 'never-made');
    const notPem = join(scratch, 'not-a-certificate.pem');
    writeFileSync(notPem, 'hello');
    const missing = await runCli(['serve', '--data', data, '--tls-cert', join(scratch, 'missing.crt'), '--tls-key', join(scratch, 'missing.key')]);
    expect(missing.code, describeResult(missing)).toBe(65);
    expect(missing.stderr).toMatch(/--tls-cert ".*missing\.crt": cannot read it/);
    const garbage = await runCli(['serve', '--data', data, '--tls-cert', notPem, '--tls-key', notPem]);
    expect(garbage.code, describeResult(garbage)).toBe(65);
    expect(garbage.stderr).toMatch(/--tls-cert ".*not-a-certificate\.pem" is not a PEM certificate/);
    const one = await certificateFiles('one');
    const other = await certificateFiles('other');
    const mismatched = await runCli(['serve', '--data', data, '--tls-cert', one.cert, '--tls-key', other.key]);
    expect(mismatched.code, describeResult(mismatched)).toBe(65);
    expect(mismatched.stderr).toMatch(/--tls-key ".*other\.key" is not the key of the certificate in --tls-cert ".*one\.crt"/);
    expect(() => statSync(data), 'no data folder was made').toThrow();
  });

  it('serve --help names every option and no access token', async () => {
    const result = await runCli(['serve', '--help']);
    expect(result.code, describeResult(result)).toBe(0);
    for (const option of ['--port', '--host', '--data', '--demo', '--poll-interval', '--demo-count', '--demo-base', '--demo-port', '--trap-port', '--tls-cert', '--tls-key', '--tls-self-signed', '--allowed-origin']) expect(result.stdout).toContain(option);
    expect(result.stdout).not.toMatch(/\?token=|access token/i);
    expect(result.stdout).toContain('printdeck users passwd admin');
  });
});

describe('printdeck serve over TLS', () => {
  it('--tls-self-signed: makes and keeps a certificate (key 0600), prints its fingerprint; a client pinning it signs in and opens wss; a restart keeps it and prints no new password', async () => {
    const data = join(scratch, 'tls');
    running = new CliProcess(['serve', '--data', data, '--tls-self-signed', '--port', '0', '--trap-port', '0']);
    const stdout = await running.waitForStdout(FIRST_START, 20_000);
    expect(stdout).toContain(`TLS: a self-signed certificate was made for this console (kept in ${join(data, 'tls', 'self-signed.crt')}).`);
    const fingerprint = /TLS: SHA-256 fingerprint ((?:[0-9A-F]{2}:){31}[0-9A-F]{2}) /.exec(stdout)?.[1] ?? '';
    expect(fingerprint, stdout).not.toBe('');
    const cert = readFileSync(join(data, 'tls', 'self-signed.crt'), 'utf8');
    expect(new X509Certificate(cert).fingerprint256).toBe(fingerprint);
    expect(statSync(join(data, 'tls', 'self-signed.key')).mode & 0o777, 'the key is the owner\'s alone').toBe(0o600);
    const { url, password } = firstStart(stdout);
    expect(url.protocol).toBe('https:');
    const port = Number(url.port);
    expect(await peerFingerprint(port, cert)).toBe(fingerprint);

    // Sign in as a browser would (over HTTPS, own origin): a __Host- cookie, Secure.
    const signedIn = await postSignIn(port, 'admin', password, { ca: cert });
    expect(signedIn.status, signedIn.body).toBe(200);
    expect(signedIn.headers['set-cookie']?.[0]).toMatch(/^__Host-printdeck-session-\d+=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Secure$/);
    const cookie = cookieOf(signedIn) ?? '';
    const api = await mustOpenApi(port, { Cookie: cookie, Origin: url.origin }, { ca: cert });
    expect(await api.call('auth.changePassword', { current: password, next: 'my-own-admin-password' })).toEqual({ ok: true, value: {} });
    expect(await api.call('system.info')).toMatchObject({ ok: true, value: { demo: false } });
    api.close();
    // The plain-HTTP cookie name means nothing here.
    expect(JSON.parse((await http(port, '/auth/session', { ca: cert, headers: { Cookie: cookie.replace('__Host-', '') } })).body)).toEqual({ signedIn: false });

    running.signal('SIGINT');
    const first = await running.finish(15_000);
    expect(first.code, describeResult(first)).toBe(0);
    expect(first.stderr, describeResult(first)).toBe('');

    running = new CliProcess(['serve', '--data', data, '--tls-self-signed', '--port', '0', '--trap-port', '0']);
    const again = await running.waitForStdout(/Open (https:\/\/127\.0\.0\.1:\d+\/) in a browser and sign in/, 20_000);
    expect(again).toContain(`TLS: the console's self-signed certificate (${join(data, 'tls', 'self-signed.crt')}).`);
    expect(again, 'the same certificate at every start').toContain(`TLS: SHA-256 fingerprint ${fingerprint} `);
    expect(again).not.toMatch(/one-time/);
    const secondPort = Number(new URL(/Open (\S+) in a browser/.exec(again)?.[1] ?? '').port);
    expect((await postSignIn(secondPort, 'admin', password, { ca: cert })).status, 'the one-time password is gone').toBe(401);
    expect((await postSignIn(secondPort, 'admin', 'my-own-admin-password', { ca: cert })).status).toBe(200);
    running.signal('SIGINT');
    expect((await running.finish(15_000)).code).toBe(0);
  }, 60_000);

  it('--tls-cert/--tls-key: serves the given certificate and prints its fingerprint', async () => {
    const { cert, key } = await certificateFiles('given');
    running = new CliProcess(['serve', '--data', join(scratch, 'given'), '--tls-cert', cert, '--tls-key', key, '--port', '0', '--trap-port', '0']);
    const stdout = await running.waitForStdout(FIRST_START, 20_000);
    const pem = readFileSync(cert, 'utf8');
    expect(stdout).toContain(`TLS: certificate ${cert}.`);
    expect(stdout).toContain(`TLS: SHA-256 fingerprint ${new X509Certificate(pem).fingerprint256} `);
    const { url } = firstStart(stdout);
    expect(await peerFingerprint(Number(url.port), pem)).toBe(new X509Certificate(pem).fingerprint256);
    running.signal('SIGINT');
    expect((await running.finish(15_000)).code).toBe(0);
  }, 30_000);
});

/** A certificate for 127.0.0.1 and its key, written to the scratch folder as <name>.crt and <name>.key. */
async function certificateFiles(name: string): Promise<{ cert: string; key: string }> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const files = { cert: join(scratch, `${name}.crt`), key: join(scratch, `${name}.key`) };
  writeFileSync(files.cert, pems.cert);
  writeFileSync(files.key, pems.private, { mode: 0o600 });
  return files;
}

/** The SHA-256 fingerprint the server presents to a client that trusts only `ca` (the pinned certificate). */
function peerFingerprint(port: number, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ca }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fingerprint);
    });
    socket.on('error', reject);
  });
}
