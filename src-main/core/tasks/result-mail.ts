import type { ExecutionSummary, TaskDeviceResult } from '../../../src-shared/contract/tasks.contract';
import type { OutgoingMail } from '../mail/mail-port';

/** Device lines listed in one mail; the counts always cover all of them. */
const MAX_DEVICE_LINES = 500;

const STATE_TEXT: Record<ExecutionSummary['state'], string> = {
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  'partly-failed': 'partly failed',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** The result mail of one finished execution: the state in the subject, counts and per-device lines in the body. */
export function resultMail(task: { name: string; type: string; mailTo: readonly string[] }, execution: ExecutionSummary, devices: readonly TaskDeviceResult[]): OutgoingMail {
  const failed = devices.filter((d) => !d.ok);
  const succeeded = devices.filter((d) => d.ok);
  const lines = [
    `Task: ${task.name} (${task.type})`,
    `Execution: ${execution.id}, started by ${execution.trigger === 'manual' ? 'a person' : execution.trigger === 'missed' ? 'a run missed while the console was closed' : 'its schedule'}`,
    `Started: ${execution.startedAt === null ? '-' : localTime(execution.startedAt)}`,
    `Finished: ${execution.finishedAt === null ? '-' : localTime(execution.finishedAt)}`,
    `State: ${STATE_TEXT[execution.state]}`,
    `Devices: ${devices.length} (${succeeded.length} succeeded, ${failed.length} failed)`,
  ];
  if (execution.error) lines.push(`Error: ${execution.error}`);
  let budget = MAX_DEVICE_LINES;
  for (const [title, group] of [['Failed', failed], ['Succeeded', succeeded]] as const) {
    if (group.length === 0) continue;
    lines.push('', `${title}:`);
    const shown = group.slice(0, Math.max(0, budget));
    budget -= shown.length;
    for (const d of shown) lines.push(`  ${d.label}: ${d.message}`);
    if (shown.length < group.length) lines.push(`  … and ${group.length - shown.length} more (see the execution in Printdeck)`);
  }
  const counts = devices.length > 0 ? ` (${succeeded.length} of ${devices.length} devices ok)` : '';
  return {
    kind: 'task-result',
    to: task.mailTo,
    subject: `Printdeck task "${task.name}": ${STATE_TEXT[execution.state]}${counts}`,
    text: `${lines.join('\n')}\n`,
    reference: `task ${execution.taskId} run ${execution.id}`,
  };
}

/** "2026-03-01 08:00:00" in the console's time zone. */
function localTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
