import type { ExecutionState, TaskInput } from '../../../src-shared/contract/tasks.contract';
import { appContract } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import { createCore, type Core } from '../../../src-main/core/create-core';
import type { SnmpSettings } from '../../../src-main/core/inventory/inventory.service';
import { hostTable, RESOURCES } from '../discovery/discovery-rig';
import { internalContext } from '../../../src-shared/auth/call-context';

/** A whole core (as hosts build it) on a temp database, for tasks run against simulated printers. */

export const CONTEXT = internalContext();
/** Loopback answers at once: a short timeout only shortens waiting for silent devices. */
export const FAST_SNMP: SnmpSettings = { version: 'v2c', community: 'public', timeoutMs: 300, retries: 1 };
const FINAL: readonly ExecutionState[] = ['succeeded', 'partly-failed', 'failed', 'cancelled'];

export async function openTaskCore(databaseFile: string): Promise<{ core: Core; log: string[] }> {
  const log: string[] = [];
  const core = await createCore({ databaseFile, resourcesDir: RESOURCES, version: 'test', snmp: FAST_SNMP, resolvers: hostTable({}), log: (line) => log.push(line) });
  return { core, log };
}

/** Saves a task through the router, as a client would (arguments parsed, bad fields named in an AppError). */
export async function createTask(core: Core, input: TaskInput) {
  return createApiClient(appContract, createInProcessTransport(core.router, core.events)).tasks.create(input);
}

/** Runs a task now and resolves with its execution (devices and log) once it has ended; rejects after `timeoutMs`. */
export async function runToEnd(core: Core, taskId: number, timeoutMs = 15_000) {
  const ended = new Set<number>();
  let wake = (): void => undefined;
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (name !== 'task.progress') return;
    const progress = payload as { executionId: number; state: ExecutionState };
    if (FINAL.includes(progress.state)) {
      ended.add(progress.executionId);
      wake();
    }
  });
  try {
    const { executionId } = await core.api.tasks.runNow({ id: taskId }, CONTEXT);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`execution ${executionId} did not end within ${timeoutMs} ms`)), timeoutMs);
      wake = () => {
        if (!ended.has(executionId)) return;
        clearTimeout(timer);
        resolve();
      };
      wake();
    });
    return core.api.tasks.getExecution({ executionId }, CONTEXT);
  } finally {
    unsubscribe();
  }
}
