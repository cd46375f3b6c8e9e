import type { Clock } from '../monitor/clock';
import type { StoredTask, TasksRepository } from '../store/tasks.repository';
import { nextDueTime } from './schedule-calculator';

export interface TaskSchedulerDeps {
  tasks: TasksRepository;
  clock: Clock;
  /** A run fell due (or was missed and the policy says run once). The scheduler only enqueues. */
  fire: (task: StoredTask, trigger: 'schedule' | 'missed') => void;
  /** A task's next run time changed. */
  onChanged: (taskId: number) => void;
  log: (line: string) => void;
}

/**
 * A timer is never set further ahead than this: after a long wait (or a change of the system
 * clock, or a machine that slept) the due times are simply looked at again.
 */
export const MAX_TIMER_MS = 60 * 60_000;

/**
 * Keeps the next due time of every enabled task in the store and fires tasks when it comes.
 * One timer (through the Clock port) waits for the earliest due time. Due times are stored,
 * so start() can tell which runs fell due while the console was closed: per task, 'run-once'
 * fires one catch-up run (trigger 'missed') and 'skip' only logs; either way the schedule
 * then continues from now. A run that falls due while the console sleeps or is busy fires
 * once when the timer wakes, not once per missed period.
 */
export class TaskScheduler {
  private timer: unknown = null;
  private started = false;
  private disposed = false;

  constructor(private readonly deps: TaskSchedulerDeps) {}

  /** Handles missed runs, then arms the timer. Idempotent. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    const now = this.deps.clock.now();
    for (const task of this.deps.tasks.list()) {
      if (!task.enabled || task.nextRunAt === null || task.nextRunAt > now) continue;
      const missedAt = new Date(task.nextRunAt).toString();
      if (task.missedRunPolicy === 'run-once') {
        this.deps.log(`task ${task.id} ("${task.name}"): the run due ${missedAt} was missed while the console was closed; running it once now`);
      } else {
        this.deps.log(`task ${task.id} ("${task.name}"): the run due ${missedAt} was missed while the console was closed; skipped (its policy)`);
      }
      const advanced = this.advance(task, now);
      if (task.missedRunPolicy === 'run-once') this.deps.fire(advanced, 'missed');
    }
    this.arm();
  }

  /**
   * The next due time of a task whose schedule, enabled flag or definition just changed
   * (null when disabled or nothing more is due). The caller stores it; then call arm().
   */
  nextRunOf(task: StoredTask, after: number): number | null {
    return task.enabled ? nextDueTime(task.schedule, after, task.scheduleAnchor) : null;
  }

  /** Sets the timer for the earliest due time (after a change of tasks). No-op before start(). */
  arm(): void {
    if (!this.started || this.disposed) return;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    const due = this.deps.tasks
      .list()
      .filter((t) => t.enabled && t.nextRunAt !== null)
      .map((t) => t.nextRunAt as number);
    if (due.length === 0) return;
    const wait = Math.min(Math.max(0, Math.min(...due) - this.deps.clock.now()), MAX_TIMER_MS);
    this.timer = this.deps.clock.setTimeout(() => this.onTimer(), wait);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private onTimer(): void {
    this.timer = null;
    if (this.disposed) return;
    const now = this.deps.clock.now();
    for (const task of this.deps.tasks.list()) {
      if (!task.enabled || task.nextRunAt === null || task.nextRunAt > now) continue;
      try {
        this.deps.fire(this.advance(task, now), 'schedule');
      } catch (error) {
        this.deps.log(`task ${task.id} ("${task.name}"): scheduled run not started: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.arm();
  }

  /** Records that the due run was taken care of and stores the next due time after now. */
  private advance(task: StoredTask, now: number): StoredTask {
    const lastScheduledAt = task.nextRunAt;
    const nextRunAt = nextDueTime(task.schedule, Math.max(now, lastScheduledAt ?? now), task.scheduleAnchor);
    this.deps.tasks.setSchedulePoint(task.id, { nextRunAt, lastScheduledAt });
    this.deps.onChanged(task.id);
    return { ...task, nextRunAt, lastScheduledAt };
  }
}
