/**
 * Store benchmark: saves a fleet of 10,000 readings (5 supplies, 3 trays, 3 counters each)
 * once as a first round (every device new) and then as routine rounds where 20 % of the
 * devices used toner and printed. Prints readings/second, rows written and database size.
 * Run: npx tsx bench/store.bench.ts [deviceCount]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceReading } from '../src-shared/domain/device-reading';
import { openDatabase, type Database } from '../src-main/core/store/database';
import { DevicesRepository } from '../src-main/core/store/devices.repository';
import type { RoundEntry } from '../src-main/core/store/reading-writer';
import { aCounter, aReading, aSupply, aToner, aTray } from '../test/helpers/reading-builders';

const DEVICES = Number(process.argv[2] ?? 10_000);
const ROUTINE_ROUNDS = Number(process.env.STORE_BENCH_ROUNDS ?? 3);
const ROUND_INTERVAL_MS = 5 * 60_000;
const CHANGED_SHARE = 0.2;

function fleetReading(i: number, wear: number, pages = 0): DeviceReading {
  const hex = i.toString(16).padStart(6, '0');
  const level = (base: number) => Math.max(0, base - wear);
  return aReading({
    target: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    identity: { serial: `SN${String(i).padStart(8, '0')}`, mac: `02:00:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4)}`, uptimeSeconds: 1000 + (wear + pages) * 300 },
    supplies: [
      aToner(1, 'black', level(90)),
      aToner(2, 'cyan', level(70)),
      aToner(3, 'magenta', level(50)),
      aToner(4, 'yellow', level(30)),
      aSupply({ index: '1.5', type: 'wasteToner', class: 'receptacle', color: null, description: 'Waste Toner', percent: 10 + wear }),
    ],
    trays: [aTray({ index: '1.1', name: 'Manual' }), aTray({ index: '1.2' }), aTray({ index: '1.3', name: 'Tray 3', level: 500 - wear })],
    counters: [aCounter({ value: 10_000 + wear * 50 + pages }), aCounter({ name: 'color', value: 4_000 + wear * 20 }), aCounter({ name: 'mono', value: 6_000 + wear * 30 + pages })],
  });
}

function round(wear: number[], at: number, pages: readonly number[] = []): RoundEntry[] {
  return wear.map((w, i) => {
    const reading = fleetReading(i, w, pages[i]);
    return { target: { address: reading.target, port: 161 }, reading, at };
  });
}

function totalChanges(db: Database): number {
  return db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()?.n ?? 0;
}

function databaseBytes(db: Database, file: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(file).size;
}

function measure(label: string, db: Database, repo: DevicesRepository, entries: RoundEntry[]): void {
  const before = totalChanges(db);
  const started = process.hrtime.bigint();
  const results = repo.saveReadings(entries);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const counts = { new: 0, updated: 0, unchanged: 0 };
  for (const r of results) counts[r.change]++;
  console.log(
    `${label.padEnd(18)} ${ms.toFixed(0).padStart(6)} ms  ${Math.round((entries.length / ms) * 1000).toString().padStart(7)} readings/s  ` +
      `${(totalChanges(db) - before).toString().padStart(7)} rows written  ` +
      `new ${counts.new} updated ${counts.updated} unchanged ${counts.unchanged}  ${((ms * 1000) / entries.length).toFixed(1)} µs/reading`,
  );
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-store-bench-'));
  const file = join(dir, 'printdeck.db');
  const db = openDatabase(file);
  try {
    const repo = new DevicesRepository(db);
    const wear = new Array<number>(DEVICES).fill(0);
    let at = Date.UTC(2025, 0, 6, 8);
    console.log(`store benchmark: ${DEVICES} devices, 5 supplies + 3 trays + 3 counters each, node ${process.version}`);
    measure('first round', db, repo, round(wear, at));
    const afterFirst = databaseBytes(db, file);
    console.log(`database after first round: ${(afterFirst / 1e6).toFixed(1)} MB`);
    let previous = afterFirst;
    for (let r = 1; r <= ROUTINE_ROUNDS; r++) {
      at += ROUND_INTERVAL_MS;
      // A different fifth of the fleet printed in each round.
      for (let i = 0; i < DEVICES; i++) if ((i + r) % Math.round(1 / CHANGED_SHARE) === 0) wear[i] = (wear[i] ?? 0) + 1;
      measure(`routine round ${r}`, db, repo, round(wear, at));
      const size = databaseBytes(db, file);
      console.log(`  database ${(size / 1e6).toFixed(1)} MB (+${((size - previous) / 1e3).toFixed(0)} kB)`);
      previous = size;
    }
    // What a poll round saves in full: only the devices that printed (the rest are touched),
    // as the simulator prints: pages on the counters, and one in five printers' toner moved.
    const pages = new Array<number>(DEVICES).fill(0);
    for (let r = 1; r <= ROUTINE_ROUNDS; r++) {
      at += ROUND_INTERVAL_MS;
      const printed = new Set<number>();
      for (let i = 0; i < DEVICES; i++) {
        if ((i + r) % Math.round(1 / CHANGED_SHARE) !== 0) continue;
        pages[i] = (pages[i] ?? 0) + 7;
        if (i % 25 === r) wear[i] = (wear[i] ?? 0) + 1;
        printed.add(i);
      }
      const entries = round(wear, at, pages).filter((_, i) => printed.has(i));
      measure(`printed only ${r}`, db, repo, entries);
    }
    at += ROUND_INTERVAL_MS;
    measure('quiet round', db, repo, round(wear, at, pages));
    const started = process.hrtime.bigint();
    const list = repo.listDevices();
    console.log(`listDevices: ${list.length} devices in ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
