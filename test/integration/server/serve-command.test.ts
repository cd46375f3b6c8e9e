import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { appContract } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createWebSocketTransport } from '../../../src-shared/rpc/websocket-transport';
import { CliProcess, describeResult, freeUdpPort, requireBuiltCli, runCli } from '../cli/cli-process';

/**
 * Spawns the built `printdeck serve --demo`: 200 simulated printers on 127.71.1.1–127.71.1.200
 * at a UDP port the system picks (the contract test has 127.71.0.x),
 * HTTP on 127.0.0.1 at a free TCP port.
 */

beforeAll(() => requireBuiltCli());

let running: CliProcess | null = null;
afterEach(() => {
  running?.kill();
  running = null;
});

describe('printdeck serve', () => {
  it('--demo prints a URL with a token; the API lists the ~200 simulated printers; SIGINT stops it with exit 0', async () => {
    const demoPort = await freeUdpPort('127.71.1.1');
    // Below the ephemeral range (32768+), so no other test's socket takes it meanwhile; the listener binds 0.0.0.0.
    const trapPort = 16171;
    running = new CliProcess(['serve', '--demo', '--port', '0', '--demo-base', '127.71.1.1', '--demo-port', String(demoPort), '--trap-port', String(trapPort)]);
    const stdout = await running.waitForStdout(/Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}) in a browser/, 20_000);
    const url = new URL(/Open (\S+) in a browser/.exec(stdout)?.[1] ?? '');
    const token = url.searchParams.get('token');
    expect(token, stdout).toMatch(/^[0-9a-f]{64}$/);

    const transport = createWebSocketTransport({ connect: () => new WebSocket(`ws://${url.host}/api?token=${token ?? ''}`) });
    try {
      const api = createApiClient(appContract, transport);
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
      [['serve', '--demo-count', '5'], /--demo-count, --demo-base and --demo-port need --demo/],
      [['serve', '--demo', '--demo-base', '10.0.0.1'], /--demo-base "10\.0\.0\.1" must be a loopback IPv4 address/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, 15_000);
      expect(result.code, describeResult(result)).toBe(2);
      expect(result.stderr, describeResult(result)).toMatch(message);
    }
  }, 60_000);

  it('serve --help names every option', async () => {
    const result = await runCli(['serve', '--help']);
    expect(result.code, describeResult(result)).toBe(0);
    for (const option of ['--port', '--host', '--data', '--demo', '--poll-interval', '--demo-count', '--demo-base', '--demo-port', '--trap-port']) expect(result.stdout).toContain(option);
  });
});
