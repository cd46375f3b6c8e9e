/**
 * `npm run bench:settings` (also part of `npm run bench`): settings delivery of 3 items with
 * read-back to 1,000 simulated printers (simulator in a child process), as the console runs it
 * (a deliverSettings execution: locate, read current values, one SET, read back, per-item
 * outcomes in the store), against the same GET, SET and GET through raw net-snmp, one session
 * per device, at the same concurrency. Prints devices per second and the ratio; asserts nothing.
 * BENCH_SETTINGS_DEVICES=N changes the fleet size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as snmp from 'net-snmp';
import { internalContext } from '../src-shared/auth/call-context';
import { createCore } from '../src-main/core/create-core';
import { startSimulatorProcess } from '../src-main/simulator/simulator-process-client';
import { profiled } from './cpu-profile';
import { createSnmpClient } from '../src-main/core/snmp/create-snmp-client';
import { DeviceWriter } from '../src-main/core/settings/device-writer';
import { writePlan } from '../src-shared/settings/standard-settings';

const DEVICES = Number(process.env.BENCH_SETTINGS_DEVICES ?? 1000);
const ROUNDS = 5;
/** The executor's default: devices worked on at once. */
const CONCURRENCY = 32;
/** Write communities of the demo profiles whose sysName, sysLocation and sysContact are writable. */
const WRITERS: Record<string, string> = { 'hp-color-laser': 'internal', 'brother-mono-mfp': 'private', 'kyocera-mono': 'private', 'ricoh-mfp': 'admin' };
const OIDS = ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.6.0', '1.3.6.1.2.1.1.4.0'];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const perSecond = (n: number, ms: number): number => Math.round((n / ms) * 1000);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-bench-settings-'));
  // Enough printers that DEVICES of them have the writable profiles (about 4 in 6 do).
  const sim = await startSimulatorProcess({ demo: { count: Math.ceil(DEVICES * 1.7), seed: 11, healthy: true }, baseAddress: '127.31.0.1', port: 1161 });
  const core = await createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../resources'), version: 'bench', snmp: { version: 'v2c', community: 'public', timeoutMs: 2000, retries: 1 } });
  const admin = internalContext();
  try {
    const chosen = sim.devices.flatMap((d) => {
      const profile = Object.keys(WRITERS).find((p) => d.name.startsWith(p));
      return profile ? [{ ...d, community: WRITERS[profile] ?? 'private' }] : [];
    }).slice(0, DEVICES);
    const read = await core.inventory.readTargets(chosen.map((d) => ({ version: 'v2c' as const, community: 'public', timeoutMs: 2000, retries: 1, host: d.address, port: d.port })), { concurrency: 128 });
    const idOf = new Map(read.map((o, i) => [chosen[i]?.name ?? '', o.saved.deviceId]));
    for (const community of new Set(chosen.map((d) => d.community))) {
      const deviceIds = chosen.filter((d) => d.community === community).map((d) => idOf.get(d.name) ?? 0);
      await core.api.credentials.setForDevices({ deviceIds, snmpWrite: { version: 'v2c', community } }, admin);
    }
    const deviceIds = chosen.map((d) => idOf.get(d.name) ?? 0);
    const consoleDelivery = async (round: number): Promise<{ ms: number; delivered: number; state: string }> => {
      const values = { deviceName: `bench-${round}`, installationSite: `Room ${round}`, administratorContact: `ops${round}@example.test` };
      const started = performance.now();
      // The end is announced by task.progress, as a console learns it (polling the execution would load the store).
      let finish: (id: number) => void = () => undefined;
      const finished = new Promise<number>((resolve) => (finish = resolve));
      const stop = core.events.subscribe((name, payload) => {
        const p = payload as { executionId: number; state: string };
        if (name === 'task.progress' && p.state !== 'queued' && p.state !== 'running') finish(p.executionId);
      });
      const { executionId } = await core.api.tasks.run({ type: 'deliverSettings', targets: { deviceIds, groupIds: [] }, params: { values, reboot: false }, mailTo: [] }, admin);
      while ((await finished) !== executionId);
      stop();
      const ms = performance.now() - started;
      const detail = await core.api.tasks.getExecution({ executionId }, admin);
      if (process.env.BENCH_VERBOSE) console.log(`    ${detail.log.map((l) => l.line).join(' | ')}`);
      return { ms, delivered: detail.devices.filter((d) => d.items?.every((i) => i.outcome === 'delivered')).length, state: detail.execution.state };
    };
    console.log(`\nSettings delivery: ${chosen.length.toLocaleString('en-US')} simulated printers (HP, Brother, Kyocera, Ricoh), 3 items (sysName, sysLocation, sysContact) with read-back, ${CONCURRENCY} devices at once`);

    // One warm-up of each (JIT, sessions), then rounds interleaved so both see the same machine.
    const ours: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      // BENCH_PROFILE=file profiles the last console round.
      const console_ = round === ROUNDS ? await profiled('the last console delivery', () => consoleDelivery(round)) : await consoleDelivery(round);
      const bare = await rawDelivery(chosen, `raw-${round}`);
      const alone = await writerAlone(chosen, `alone-${round}`);
      const label = round === 0 ? 'warm-up' : `round ${round}`;
      console.log(`  ${label}: console ${(console_.ms / 1000).toFixed(2)} s = ${perSecond(chosen.length, console_.ms).toLocaleString('en-US')} devices/s (${console_.delivered}/${chosen.length} with all 3 items delivered, ${console_.state}); device writer alone ${(alone / 1000).toFixed(2)} s; raw net-snmp ${(bare.ms / 1000).toFixed(2)} s = ${perSecond(chosen.length, bare.ms).toLocaleString('en-US')} devices/s (${bare.failed} failed)`);
      if (round === 0) continue;
      ours.push(perSecond(chosen.length, console_.ms));
      raw.push(perSecond(chosen.length, bare.ms));
    }
    const a = median(ours);
    const b = median(raw);
    console.log(`  median: console ${a.toLocaleString('en-US')} devices/s, raw net-snmp ${b.toLocaleString('en-US')} devices/s → ${Math.round((a / b) * 100)} % of raw (target ≥ 1,000/s and ≥ 70 %)`);
  } finally {
    await core.dispose();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The DeviceWriter without the job model (no targets, vault, results or events): where the console's time goes. */
async function writerAlone(devices: readonly { address: string; port: number; community: string }[], tag: string): Promise<number> {
  const client = createSnmpClient();
  const writer = new DeviceWriter(client);
  const plan = writePlan(undefined);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, devices.length) }, async () => {
      while (next < devices.length) {
        const d = devices[next++];
        if (!d) break;
        await writer.deliver({ version: 'v2c', community: d.community, host: d.address, port: d.port, timeoutMs: 2000, retries: 1 }, plan, { deviceName: `${tag}-0`, installationSite: `${tag}-1`, administratorContact: `${tag}-2` });
      }
    }),
  );
  const ms = performance.now() - started;
  await client.close();
  return ms;
}

/** The same exchange per device as the console's: GET the 3 objects, SET them, GET them back. */
async function rawDelivery(devices: readonly { address: string; port: number; community: string }[], tag: string): Promise<{ ms: number; failed: number }> {
  const sessions = devices.map((d) => snmp.createSession(d.address, d.community, { port: d.port, version: snmp.Version2c, timeout: 2000, retries: 1 }));
  const get = (s: snmp.Session): Promise<void> => new Promise((res, rej) => s.get(OIDS, (e) => (e ? rej(e) : res())));
  const set = (s: snmp.Session): Promise<void> =>
    new Promise((res, rej) => s.set(OIDS.map((oid, i) => ({ oid, type: snmp.ObjectType.OctetString, value: Buffer.from(`${tag}-${i}`) })), (e) => (e ? rej(e) : res())));
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, sessions.length) }, async () => {
      while (next < sessions.length) {
        const session = sessions[next++] as snmp.Session;
        try {
          await get(session);
          await set(session);
          await get(session);
        } catch {
          failed++;
        }
      }
    }),
  );
  const ms = performance.now() - started;
  for (const s of sessions) s.close();
  return { ms, failed };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
