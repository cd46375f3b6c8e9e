import {
  discoveryCountsSchema,
  type DiscoveryCounts,
  type DiscoveryMethodKind,
  type DiscoveryResult,
  type DiscoveryRun,
  type DiscoveryRunState,
} from '../../../src-shared/contract/discovery.contract';
import type { Database } from './database';

interface RunRow {
  id: number;
  name: string;
  state: string;
  started_at: number;
  finished_at: number | null;
  request: string;
  counts: string;
  error: string | null;
}

interface ResultRow {
  device_id: number | null;
  address: string;
  port: number;
  outcome: string;
  methods: string;
  previous_address: string | null;
  label: string;
  message: string | null;
}

export const EMPTY_COUNTS: Readonly<DiscoveryCounts> = { probed: 0, total: 0, answered: 0, new: 0, updated: 0, unchanged: 0, lost: 0, skipped: 0, failed: 0 };

/**
 * Device searches and what each found. A run is written when it starts (state 'running'),
 * its results as they come (appendResults, one transaction per batch) and its end once.
 * Runs still 'running' when the store opens belong to a console that stopped mid-search:
 * closeInterrupted marks them failed.
 */
export class DiscoveryRunsRepository {
  private readonly insertRun;
  private readonly updateRun;
  private readonly selectRun;
  private readonly selectRuns;
  private readonly selectResults;
  private readonly insertResult;
  private readonly setMethods;
  private readonly selectPrevious;
  private readonly markInterrupted;
  private readonly appendBatch;

  constructor(db: Database) {
    this.insertRun = db.prepare<[string, string, number, string, string]>(
      "INSERT INTO discovery_runs (name, fingerprint, state, started_at, request, counts) VALUES (?, ?, 'running', ?, ?, ?)",
    );
    this.updateRun = db.prepare<[string, number | null, string, string | null, number]>(
      'UPDATE discovery_runs SET state = ?, finished_at = ?, counts = ?, error = ? WHERE id = ?',
    );
    this.selectRun = db.prepare<[number], RunRow>('SELECT * FROM discovery_runs WHERE id = ?');
    this.selectRuns = db.prepare<[number], RunRow>('SELECT * FROM discovery_runs ORDER BY id DESC LIMIT ?');
    this.selectResults = db.prepare<[number], ResultRow>('SELECT * FROM discovery_results WHERE run_id = ? ORDER BY seq');
    this.setMethods = db.prepare<[string, number, number]>('UPDATE discovery_results SET methods = ? WHERE run_id = ? AND seq = ?');
    this.insertResult = db.prepare<[number, number, number | null, string, number, string, string, string | null, string, string | null]>(
      `INSERT INTO discovery_results (run_id, seq, device_id, address, port, outcome, methods, previous_address, label, message)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectPrevious = db.prepare<[string, number], { id: number }>(
      "SELECT id FROM discovery_runs WHERE fingerprint = ? AND id < ? AND state = 'succeeded' ORDER BY id DESC LIMIT 1",
    );
    this.markInterrupted = db.prepare<[number]>(
      "UPDATE discovery_runs SET state = 'failed', finished_at = ?, error = 'the console stopped during the search' WHERE state = 'running'",
    );
    this.appendBatch = db.transaction((runId: number, results: ReadonlyArray<{ seq: number; result: DiscoveryResult }>) => {
      for (const { seq, result: r } of results) {
        this.insertResult.run(runId, seq, r.deviceId, r.address, r.port, r.outcome, JSON.stringify(r.methods), r.previousAddress, r.label, r.message);
      }
    });
  }

  /** Records a new run; `request` is stored as given (the caller masks secrets). */
  start(run: { name: string; fingerprint: string; startedAt: number; request: unknown }): number {
    return Number(this.insertRun.run(run.name, run.fingerprint, run.startedAt, JSON.stringify(run.request), JSON.stringify(EMPTY_COUNTS)).lastInsertRowid);
  }

  /** Saves results in one transaction; `seq` numbers them within the run (1, 2, 3 … in the order found). */
  appendResults(runId: number, results: ReadonlyArray<{ seq: number; result: DiscoveryResult }>): void {
    if (results.length > 0) this.appendBatch(runId, results);
  }

  /** A saved result was found by one more method. */
  updateMethods(runId: number, seq: number, methods: readonly string[]): void {
    this.setMethods.run(JSON.stringify(methods), runId, seq);
  }

  finish(runId: number, end: { state: Exclude<DiscoveryRunState, 'running'>; finishedAt: number; counts: DiscoveryCounts; error: string | null }): void {
    this.updateRun.run(end.state, end.finishedAt, JSON.stringify(end.counts), end.error, runId);
  }

  /** Updates the counts of a running run (so a restart shows how far it got). */
  saveCounts(runId: number, counts: DiscoveryCounts): void {
    const row = this.selectRun.get(runId);
    if (row) this.updateRun.run(row.state, row.finished_at, JSON.stringify(counts), row.error, runId);
  }

  /** Marks runs left 'running' by a console that stopped; returns how many. */
  closeInterrupted(at: number): number {
    return this.markInterrupted.run(at).changes;
  }

  get(runId: number): DiscoveryRun | null {
    const row = this.selectRun.get(runId);
    return row ? toRun(row) : null;
  }

  list(limit: number): DiscoveryRun[] {
    return this.selectRuns.all(limit).map(toRun);
  }

  results(runId: number): DiscoveryResult[] {
    return this.selectResults.all(runId).map(toResult);
  }

  /** Device ids the last successful run of the same search (same fingerprint) found, before `runId`. */
  previouslyFound(fingerprint: string, runId: number): Set<number> {
    const previous = this.selectPrevious.get(fingerprint, runId);
    if (!previous) return new Set();
    const found = this.results(previous.id).filter((r) => r.deviceId !== null && r.outcome !== 'lost' && r.outcome !== 'skipped' && r.outcome !== 'failed');
    return new Set(found.map((r) => r.deviceId as number));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function toRun(row: RunRow): DiscoveryRun {
  const counts = discoveryCountsSchema.safeParse(parseJson(row.counts));
  return {
    id: row.id,
    name: row.name,
    state: row.state as DiscoveryRunState,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    request: parseJson(row.request),
    counts: counts.success ? counts.data : { ...EMPTY_COUNTS },
    error: row.error,
  };
}

function toResult(row: ResultRow): DiscoveryResult {
  const methods = parseJson(row.methods);
  return {
    deviceId: row.device_id,
    address: row.address,
    port: row.port,
    outcome: row.outcome as DiscoveryResult['outcome'],
    methods: Array.isArray(methods) ? (methods as DiscoveryMethodKind[]) : [],
    previousAddress: row.previous_address,
    label: row.label,
    message: row.message,
  };
}
