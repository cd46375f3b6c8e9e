import { z } from 'zod';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { TaskInput } from '../../../src-shared/contract/tasks.contract';
import { taskInputSchema } from '../../../src-shared/contract/tasks.contract';
import { createEventHub } from '../../../src-shared/rpc/event-hub';
import type { Mailer, OutgoingMail } from '../../../src-main/core/mail/mail-port';
import type { SecretStore } from '../../../src-main/core/secrets/secret-store';
import { openDatabase, type Database } from '../../../src-main/core/store/database';
import { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { GroupsRepository } from '../../../src-main/core/store/groups.repository';
import { TaskExecutionsRepository } from '../../../src-main/core/store/task-executions.repository';
import { TasksRepository } from '../../../src-main/core/store/tasks.repository';
import { TaskExecutorRegistry, type TaskContext, type TaskExecutor } from '../../../src-main/core/tasks/task-executor';
import { TasksService } from '../../../src-main/core/tasks/tasks.service';
import type { FakeClock } from '../../helpers/fake-clock';
import { internalContext } from '../../../src-shared/auth/call-context';

/** The tasks module over a real store, with a fake clock and a test task type whose runs the test controls. */

export const CONTEXT = internalContext();

const probeParams = z.object({ failDeviceIds: z.array(z.number().int()).default([]) });

/** Task type 'test.probe': reports each target ok (or failed when listed); holds while `blocking` until released or cancelled. */
export class ProbeExecutor implements TaskExecutor<typeof probeParams> {
  readonly type = 'test.probe';
  readonly paramsSchema = probeParams;
  readonly usesTargets = true;
  blocking = false;
  /** Every run started, in order. */
  readonly runs: Array<{ ctx: TaskContext; release: () => void }> = [];
  active = 0;
  maxActive = 0;
  /** Most runs of one task at the same time. */
  maxActivePerTask = 0;
  private readonly activeTasks = new Map<number, number>();

  async run(ctx: TaskContext & { params: z.output<typeof probeParams> }): Promise<void> {
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    const perTask = (this.activeTasks.get(ctx.taskId) ?? 0) + 1;
    this.activeTasks.set(ctx.taskId, perTask);
    this.maxActivePerTask = Math.max(this.maxActivePerTask, perTask);
    try {
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
        ctx.signal.addEventListener('abort', () => resolve());
      });
      this.runs.push({ ctx, release });
      if (this.blocking) await held;
      ctx.progress(0, ctx.deviceIds.length);
      for (const id of ctx.deviceIds) {
        const failed = ctx.params.failDeviceIds.includes(id);
        ctx.reportDevice(id, { ok: !failed, message: failed ? 'no answer' : 'Ready' });
      }
      ctx.progress(ctx.deviceIds.length, ctx.deviceIds.length);
    } finally {
      this.active--;
      this.activeTasks.set(ctx.taskId, (this.activeTasks.get(ctx.taskId) ?? 1) - 1);
    }
  }
}

export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  enqueue(mail: OutgoingMail): number {
    this.sent.push(mail);
    return this.sent.length;
  }
}

export interface TaskRig {
  db: Database;
  service: TasksService;
  probe: ProbeExecutor;
  mailer: RecordingMailer;
  devices: DevicesRepository;
  groups: GroupsRepository;
  events: Array<{ name: string; payload: unknown }>;
  log: string[];
  create(input: Partial<TaskInput> & Pick<TaskInput, 'schedule'>): ReturnType<TasksService['create']>;
  close(): Promise<void>;
}

export function openRig(databaseFile: string, clock: FakeClock, options: { maxConcurrent?: number; secrets?: SecretStore } = {}): TaskRig {
  const db = openDatabase(databaseFile);
  const devices = new DevicesRepository(db, { now: () => clock.now() });
  const groups = new GroupsRepository(db);
  const probe = new ProbeExecutor();
  const mailer = new RecordingMailer();
  const hub = createEventHub<AppEvents>();
  const events: TaskRig['events'] = [];
  hub.subscribe((name, payload) => events.push({ name, payload }));
  const log: string[] = [];
  const service = new TasksService({
    tasks: new TasksRepository(db, options.secrets),
    executions: new TaskExecutionsRepository(db),
    devices,
    groups,
    registry: new TaskExecutorRegistry().register(probe),
    events: hub,
    clock,
    mailer,
    maxConcurrent: options.maxConcurrent,
    log: (line) => log.push(line),
  });
  return {
    db,
    service,
    probe,
    mailer,
    devices,
    groups,
    events,
    log,
    create: (input) => {
      const deviceIds = input.targets?.deviceIds ?? [firstDevice(devices)];
      return service.create(taskInputSchema.parse({ name: 'Probe', type: 'test.probe', ...input, targets: { deviceIds, groupIds: input.targets?.groupIds ?? [] } }), CONTEXT);
    },
    close: async () => {
      await service.dispose();
      db.close();
    },
  };
}

/** A device to target (added once per store). */
function firstDevice(devices: DevicesRepository): number {
  return devices.addDevice({ address: '127.120.0.1', port: 161, name: 'Front desk', source: 'added' }).deviceId;
}

/** Lets pending promise callbacks and immediates run (executions finish asynchronously). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Advances the fake clock in steps, letting executions finish between steps. */
export async function advance(clock: FakeClock, ms: number, stepMs = 60_000): Promise<void> {
  for (let left = ms; left > 0; left -= stepMs) {
    clock.advance(Math.min(stepMs, left));
    await settle();
  }
}

/** Local time as epoch ms (schedules are in the console's time zone). */
export function local(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return new Date(year, month - 1, day, hour, minute, 0, 0).getTime();
}
