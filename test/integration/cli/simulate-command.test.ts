import { createSocket, type Socket } from 'node:dgram';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CliProcess, FIXTURE_SNMPREC_DIR, describeResult, freeUdpPort, requireBuiltCli, runCli } from './cli-process';
import { parsePollJson } from './poll-json.schema';

/**
 * `printdeck simulate` as a user runs it: the built bin serving snmprec files on 127.53.0.x,
 * read through `printdeck poll`, stopped with Ctrl+C (SIGINT).
 */

const BASE = '127.53.0.1';
const RECORDINGS = ['brother', 'sharp_mxm266nv'] as const;

let dir: string;
const running: CliProcess[] = [];

function start(args: string[]): CliProcess {
  const child = new CliProcess(args);
  running.push(child);
  return child;
}

beforeAll(() => requireBuiltCli());

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'printdeck-cli-simulate-'));
});

afterEach(async () => {
  for (const child of running.splice(0)) child.kill();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(FIXTURE_SNMPREC_DIR))('printdeck simulate --dir (real recordings)', () => {
  it('prints "address:port<TAB>name" per device, answers SNMP, and exits 0 on SIGINT', async () => {
    for (const name of RECORDINGS) await copyFile(join(FIXTURE_SNMPREC_DIR, `${name}.snmprec`), join(dir, `${name}.snmprec`));
    const port = await freeUdpPort(BASE);
    const simulate = start(['simulate', '--dir', dir, '--base', BASE, '--port', String(port)]);
    const stdout = await simulate.waitForStdout(/listening/, 10_000);
    const deviceLines = stdout.split('\n').filter((line) => line.includes('\t'));
    expect(deviceLines).toEqual([`127.53.0.1:${port}\tbrother`, `127.53.0.2:${port}\tsharp_mxm266nv`]);

    const targets = deviceLines.map((line) => line.split('\t')[0] ?? '');
    const poll = await runCli(['poll', ...targets, '--json']);
    expect(poll.code, describeResult(poll)).toBe(0);
    expect(parsePollJson(poll.stdout).map((r) => [r.target, r.identity.vendor, r.identity.model])).toEqual([
      [targets[0], 'Brother', 'MFC-L2710DW'],
      [targets[1], 'Sharp', 'MX-M266NV'],
    ]);

    simulate.signal('SIGINT');
    const ended = await simulate.finish(5_000);
    expect({ code: ended.code, signal: ended.signal }, describeResult(ended)).toEqual({ code: 0, signal: null });
  });
});

describe('printdeck simulate serves imperfect recordings', () => {
  it('skips a line that cannot be read with a warning naming file and line, and serves the rest of the folder', async () => {
    await writeFile(join(dir, 'good.snmprec'), '1.3.6.1.2.1.1.1.0|4|A printer\n1.3.6.1.2.1.1.5.0|4|good\n');
    // A counter whose value is not a number, as real recordings sometimes hold; the lines after it still count.
    await writeFile(join(dir, 'broken.snmprec'), '1.3.6.1.2.1.1.1.0|4|A printer\n\n1.3.6.1.2.1.1.3.0|67|not-a-number\n1.3.6.1.2.1.1.5.0|4|broken\n');
    const port = await freeUdpPort(BASE);
    const simulate = start(['simulate', '--dir', dir, '--base', BASE, '--port', String(port)]);
    const stdout = await simulate.waitForStdout(/listening/, 10_000);
    expect(stdout.split('\n').filter((line) => line.includes('\t'))).toEqual([`127.53.0.1:${port}\tbroken`, `127.53.0.2:${port}\tgood`]);
    expect(simulate.stderr).toMatch(/^warning: broken\.snmprec:3: not an integer in 0\.\.4294967295: "not-a-number"; line skipped$/m);

    const poll = await runCli(['poll', `127.53.0.1:${port}`, '--json']);
    expect(poll.code, describeResult(poll)).toBe(0);
    expect(parsePollJson(poll.stdout)[0]?.identity.sysName).toBe('broken');

    simulate.signal('SIGINT');
    const ended = await simulate.finish(5_000);
    expect({ code: ended.code, signal: ended.signal }, describeResult(ended)).toEqual({ code: 0, signal: null });
  });
});

describe('printdeck simulate refuses what it cannot serve', () => {
  it('a --dir that does not exist → exit 65 naming the folder', async () => {
    const missing = join(dir, 'no-such-folder');
    const result = await runCli(['simulate', '--dir', missing, '--base', BASE]);
    expect({ code: result.code, stdout: result.stdout }, describeResult(result)).toEqual({ code: 65, stdout: '' });
    expect(result.stderr).toContain(`--dir "${missing}" is not a folder`);
  });

  it('a port already in use → exit 2 naming --base and --port, not an internal error', async () => {
    await writeFile(join(dir, 'one.snmprec'), '1.3.6.1.2.1.1.1.0|4|A printer\n');
    const address = '127.53.0.50';
    const holder: Socket = createSocket('udp4');
    try {
      const port = await new Promise<number>((resolvePort, rejectPort) => {
        holder.once('error', rejectPort);
        holder.bind(0, address, () => resolvePort(holder.address().port));
      });
      const result = await runCli(['simulate', '--dir', dir, '--base', address, '--port', String(port)]);
      expect({ code: result.code, stdout: result.stdout }, describeResult(result)).toEqual({ code: 2, stdout: '' });
      expect(result.stderr).toContain(`--base ${address} --port ${port}`);
      expect(result.stderr).toContain('EADDRINUSE');
      expect(result.stderr).not.toMatch(/internal error|^\s+at /m);
    } finally {
      await new Promise<void>((resolveClose) => holder.close(() => resolveClose()));
    }
  });
});
