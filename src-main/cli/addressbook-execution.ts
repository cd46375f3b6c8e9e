import type { AppApi } from '../../src-shared/contract/app.contract';
import type { ExecutionState, TaskDeviceResult, TaskProgress } from '../../src-shared/contract/tasks.contract';
import type { AddressbookContract } from '../../src-shared/plugins/addressbook/addressbook.contract';
import type { ContractApi } from '../../src-shared/rpc/contract-builder';
import { EXIT, type ExitCode } from './cli-error';
import type { ConsoleData } from './console-data';
import type { ExecutionDetail } from './device-job';
import type { CommandIo } from './poll-command';
import { formatTable } from './text-table';

/** `printdeck addressbook deliver` and `fetch`: waiting for their execution and reporting it per device. */

export type BooksApi = ContractApi<AddressbookContract>['books'];

/** What one `printdeck addressbook …` run works with. */
export interface Session {
  data: ConsoleData;
  api: AppApi;
  books: BooksApi;
  io: CommandIo;
  json: boolean;
}

const DEVICES_AT_ONCE = 4;
const PER_DEVICE_MS = 5 * 60_000;
const CANCEL_GRACE_MS = 30_000;
const POLL_MS = 200;
const FINAL_STATES: readonly ExecutionState[] = ['succeeded', 'partly-failed', 'failed', 'cancelled'];

export interface FinishedRun {
  detail: ExecutionDetail;
  interrupted: boolean;
}

/**
 * Waits for an execution to end, with progress on stderr (at most a line a second, and the
 * last). Ctrl+C cancels it (a second one stops at once); so does running past the budget of
 * the devices it works on. Returns the execution as it ended.
 */
export async function waitForExecution(s: Session, executionId: number, options: { what: string; devices: number }): Promise<FinishedRun> {
  const { io } = s;
  let interrupted = false;
  const cancel = (): void => void s.api.tasks.cancel({ executionId }).catch(() => undefined);
  const onSigint = (): void => {
    if (interrupted) {
      io.err('Stopped.');
      process.exit(EXIT.someFailed);
    }
    interrupted = true;
    io.err('Cancelling… (Ctrl+C again stops at once)');
    cancel();
  };
  process.on('SIGINT', onSigint);
  io.err(`${options.what}: ${countText(options.devices, 'device', 'devices')}, execution ${executionId}`);
  let lastLine = 0;
  const stopProgress = s.data.core.events.subscribe((name, payload) => {
    if (name !== 'task.progress') return;
    const progress = payload as TaskProgress;
    if (progress.executionId !== executionId) return;
    if (!FINAL_STATES.includes(progress.state) && Date.now() - lastLine < 1000) return;
    lastLine = Date.now();
    io.err(`${options.what}: ${progress.state}, ${progress.done}/${progress.total} devices done`);
  });
  const limitMs = 60_000 + Math.ceil(options.devices / DEVICES_AT_ONCE) * PER_DEVICE_MS;
  let deadline = Date.now() + limitMs;
  let cancelled = false;
  try {
    for (;;) {
      const detail = await s.api.tasks.getExecution({ executionId });
      if (FINAL_STATES.includes(detail.execution.state)) return { detail, interrupted };
      if (!cancelled && (interrupted || Date.now() > deadline)) {
        if (!interrupted) io.err(`${options.what}: did not end within ${Math.round(limitMs / 60_000)} min: cancelling it`);
        cancelled = true;
        deadline = Date.now() + CANCEL_GRACE_MS;
        cancel();
      } else if (cancelled && Date.now() > deadline) {
        throw new Error(`execution ${executionId} did not end after it was cancelled`);
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, POLL_MS));
    }
  } finally {
    stopProgress();
    process.off('SIGINT', onSigint);
  }
}

/** One line per device (those the run never reached too), or the --json object; exit 0 only when every device succeeded. */
export function report(s: Session, run: FinishedRun, expected: readonly { id: number; label: string }[], about: { book: string; what: string }): ExitCode {
  const { execution, devices: results } = run.detail;
  const byId = new Map(results.flatMap((r) => (r.deviceId === null ? [] : [[r.deviceId, r] as const])));
  const missing = expected.filter((d) => !byId.has(d.id));
  const whyMissing = execution.error ?? 'the run ended before this device was worked on (cancelled?)';
  const rows: TaskDeviceResult[] = [...results, ...missing.map((d) => ({ deviceId: d.id, label: d.label, ok: false, message: `not reached: ${whyMissing}`, at: execution.finishedAt ?? Date.now() }))];
  const good = rows.filter((r) => r.ok).length;
  if (s.json) {
    s.io.out(JSON.stringify({ book: about.book, execution: { id: execution.id, state: execution.state, error: execution.error }, devices: rows.map(({ deviceId, label, ok, message, items }) => ({ deviceId, label, ok, message, items: items ?? [] })) }, null, 2));
  } else {
    s.io.out(formatTable(['DEVICE', 'OUTCOME', 'MESSAGE'], rows.map((r) => [r.label, r.ok ? 'ok' : 'failed', r.message])));
    s.io.out(`${good} of ${countText(rows.length, 'device', 'devices')} ${about.what} ("${about.book}").`);
  }
  if (execution.error !== null) s.io.err(`The run ${execution.state}: ${execution.error}`);
  if (run.interrupted) s.io.err('Cancelled (Ctrl+C).');
  return good === rows.length && rows.length > 0 && execution.state === 'succeeded' && !run.interrupted ? EXIT.ok : EXIT.someFailed;
}


export function countText(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
