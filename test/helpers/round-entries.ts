/** Builds store round entries from readings, for tests of the store and of its callers. */
import type { DeviceReading } from '../../src-shared/domain/device-reading';
import { openDatabase, type Database } from '../../src-main/core/store/database';
import { DevicesRepository } from '../../src-main/core/store/devices.repository';
import type { RoundEntry } from '../../src-main/core/store/reading-writer';

/** A round entry for `reading` read at `at`, from `address` (the reading's target by default) on port 161. */
export function anEntry(reading: DeviceReading, at: number, address = reading.target, port = 161): RoundEntry {
  return { target: { address, port }, reading, at };
}

/** A fresh in-memory database with the current schema and a repository on a fixed clock. */
export function aMemoryStore(now = 1_700_000_000_000): { db: Database; repo: DevicesRepository } {
  const db = openDatabase(':memory:');
  return { db, repo: new DevicesRepository(db, { now: () => now }) };
}
