import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoProfiles } from '../../../src-main/simulator/demo-fleet';
import { startSimulator, type SimulatedDeviceSpec, type Simulator } from '../../../src-main/simulator/simulator';
import { describeResult, requireBuiltCli, runCli } from './cli-process';
import { parsePollJson } from './poll-json.schema';

/**
 * `printdeck poll` as a user runs it: the built bin in a child process reading simulated
 * printers (the project's own demo recordings) served from this test process on 127.50.0.x.
 */

const BASE = '127.50.0.1';
/** In 127.50/16 but never bound: nothing answers there. */
const UNUSED_ADDRESS = '127.50.0.250';

let simulator: Simulator;
const target: Record<string, string> = {};

function device(profile: string, name = profile): SimulatedDeviceSpec {
  const found = loadDemoProfiles().find((p) => p.name === profile);
  if (!found) throw new Error(`no demo profile "${profile}" in resources/simulator`);
  return { name, varbinds: found.varbinds };
}

function targetOf(name: string): string {
  const text = target[name];
  if (text === undefined) throw new Error(`no simulated device "${name}"`);
  return text;
}

beforeAll(async () => {
  requireBuiltCli();
  simulator = await startSimulator({
    baseAddress: BASE,
    port: 0,
    devices: [
      device('hp-color-laser', 'hp'),
      device('kyocera-mono', 'kyocera'),
      device('ricoh-mfp', 'ricoh-jammed'),
      { ...device('brother-mono-mfp', 'brother-silent'), faults: { silent: true } },
    ],
  });
  for (const d of simulator.devices) target[d.name] = `${d.address}:${d.port}`;
  simulator.device('ricoh-jammed').setErrorState(['jammed']);
});

afterAll(async () => {
  await simulator?.close();
});

describe('printdeck poll --json', () => {
  it('prints one README-shaped object per target, in the order given, with identity, supplies and counters, and exits 0', async () => {
    const targets = [targetOf('kyocera'), targetOf('hp'), targetOf('ricoh-jammed')];
    const result = await runCli(['poll', ...targets, '--json']);
    expect(result.code, describeResult(result)).toBe(0);
    const readings = parsePollJson(result.stdout);
    expect(readings.map((r) => r.target)).toEqual(targets);
    // The models prove each object belongs to its target, not just that the labels were echoed.
    expect(readings.map((r) => r.identity.model)).toEqual(['ECOSYS P3155dn', 'Color LaserJet Pro M454dw', 'IM 4000']);
    for (const r of readings) {
      expect({ target: r.target, ok: r.ok, error: r.error }).toEqual({ target: r.target, ok: true, error: null });
      expect(r.identity.vendor, r.target).not.toBeNull();
      expect(r.identity.serial, r.target).not.toBeNull();
      expect(r.identity.mac, r.target).not.toBeNull();
      expect(r.supplies.length, `${r.target} supplies`).toBeGreaterThan(0);
      expect(r.supplies.filter((s) => s.percent !== null).length, `${r.target} supplies with a level`).toBeGreaterThan(0);
      expect(r.counters.map((c) => c.name), `${r.target} counters`).toContain('total');
    }
    expect(readings[2]?.status).toMatchObject({ state: 'error', conditions: ['jammed'] });
    expect(result.stderr).toBe('');
  });

  it('reports an unreachable target as ok false with snmp-timeout naming the address, still reads the others, and exits 1', async () => {
    const silent = targetOf('brother-silent');
    const unused = `${UNUSED_ADDRESS}:${targetOf('hp').split(':')[1] ?? '161'}`;
    const targets = [targetOf('hp'), silent, unused, targetOf('kyocera')];
    const result = await runCli(['poll', ...targets, '--json', '--timeout', '200', '--retries', '0']);
    expect(result.code, describeResult(result)).toBe(1);
    const readings = parsePollJson(result.stdout);
    expect(readings.map((r) => [r.target, r.ok, r.error?.code ?? null])).toEqual([
      [targets[0], true, null],
      [silent, false, 'snmp-timeout'],
      [unused, false, 'snmp-timeout'],
      [targets[3], true, null],
    ]);
    expect(readings[1]?.error?.message).toContain(silent);
    expect(readings[2]?.error?.message).toContain(unused);
    expect(readings[1]?.status.state).toBe('offline');
  });
});

describe('printdeck poll (human output)', () => {
  it('shows state, message, vendor and model, and every supply with its level', async () => {
    const targets = [targetOf('hp'), targetOf('ricoh-jammed')];
    const [text, json] = await Promise.all([runCli(['poll', ...targets]), runCli(['poll', ...targets, '--json'])]);
    expect(text.code, describeResult(text)).toBe(0);
    expect(text.stdout).toContain(`${targetOf('hp')}  [ok]  Ready`);
    expect(text.stdout).toContain(`${targetOf('ricoh-jammed')}  [error]  Paper jam`);
    expect(text.stdout).toContain('HP Color LaserJet Pro M454dw');
    expect(text.stdout).toContain('Ricoh IM 4000');
    expect(text.stdout).toMatch(/^ {2}supplies:$/m);
    // Each supply the JSON reports with an exact level appears on its own line with that level.
    const exact = parsePollJson(json.stdout).flatMap((r) => r.supplies.filter((s) => s.percent !== null && s.quality === 'exact'));
    expect(exact.length).toBeGreaterThan(0);
    for (const supply of exact) {
      const line = new RegExp(`^ {4}${escapeRegExp(supply.description)} +${Math.round(supply.percent ?? NaN)} %$`, 'm');
      expect(text.stdout, supply.description).toMatch(line);
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
