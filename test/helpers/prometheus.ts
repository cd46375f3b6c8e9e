import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectOutput, freePort, stopChild, waitUntil } from './daemon';

/**
 * Debian's Prometheus as the real scraper of the /metrics tests: a config and a data folder of
 * its own in a temporary folder, listening on a loopback port only, stopped by its PID.
 */
export const PROMETHEUS = '/usr/bin/prometheus';
export const PROMTOOL = '/usr/bin/promtool';
export const hasPrometheus = existsSync(PROMETHEUS);
export const hasPromtool = existsSync(PROMTOOL);

/** One sample of an instant query: its labels and value. */
export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

export interface PrometheusRig {
  /** http://127.0.0.1:port */
  url: string;
  pid: number;
  /** The folder of its config (files the config names go here). */
  dir: string;
  /** Prometheus's own log so far. */
  log(): string;
  /** An instant query through the HTTP API (/api/v1/query); rejects when Prometheus says it failed. */
  query(expression: string): Promise<PromSample[]>;
  /** The active scrape targets' health and last error (/api/v1/targets). */
  targets(): Promise<Array<{ job: string; health: string; lastError: string }>>;
  stop(): Promise<void>;
}

/**
 * Starts Prometheus with `config` (YAML) written as prometheus.yml beside `files` (name →
 * content: tokens, certificates the config names relative to it). Resolves when it is ready.
 */
export async function startPrometheus(config: string, files: Record<string, string> = {}): Promise<PrometheusRig> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-prometheus-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content, { mode: 0o600 });
  writeFileSync(join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=1h'],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
  );
  const output = collectOutput(child);
  const stop = async (): Promise<void> => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil(() => answersReady(url), { what: `prometheus was not ready at ${url}`, timeoutMs: 20_000, everyMs: 200, child, name: 'prometheus', output });
  } catch (error) {
    await stop();
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('prometheus started without a PID');
  return {
    url,
    pid,
    dir,
    log: output,
    query: async (expression) => {
      const reply = JSON.parse(await getText(`${url}/api/v1/query?query=${encodeURIComponent(expression)}`)) as { status: string; error?: string; data?: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
      if (reply.status !== 'success' || !reply.data) throw new Error(`query ${expression} failed: ${reply.error ?? 'no data'}`);
      return reply.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    },
    targets: async () => {
      const reply = JSON.parse(await getText(`${url}/api/v1/targets?state=active`)) as { data: { activeTargets: Array<{ labels: Record<string, string>; health: string; lastError: string }> } };
      return reply.data.activeTargets.map((t) => ({ job: t.labels.job ?? '', health: t.health, lastError: t.lastError }));
    },
    stop,
  };
}

/** `promtool check config FILE` in the file's folder; resolves with its output, rejects with it when the config is not valid. */
export function checkConfig(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PROMTOOL, ['check', 'config', file], { timeout: 20_000 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error) reject(new Error(`promtool check config ${file} failed:\n${output}`));
      else resolve(output);
    });
  });
}

/** Asks `probe` every 250 ms until it returns a value that is not null, for at most `timeoutMs`; the failure names `what` and the last answer. */
export async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>, diagnostics: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== null) return value;
      last = 'nothing yet';
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms (last: ${String(last)})\n${diagnostics()}`);
}

function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: 5_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url}: no answer within 5 s`)));
    request.on('error', reject);
  });
}

/** Whether /-/ready answers 200 (within 1 s). */
function answersReady(url: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const request = get(`${url}/-/ready`, { agent: false, timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
