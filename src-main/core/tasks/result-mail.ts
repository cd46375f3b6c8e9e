import type { ExecutionSummary, TaskDeviceResult } from '../../../src-shared/contract/tasks.contract';
import { runSummaryText } from '../../../src-shared/wording/outcome-words';
import type { OutgoingMail } from '../mail/mail-port';

/** Failed devices listed in one mail; the counts always cover all of them. */
const MAX_FAILED_LINES = 200;

/**
 * The result mail of one finished execution, for a person to act on: the outcome and counts in
 * the subject (the shared outcome words: "Partly failed: 194 succeeded, 6 failed"), the failed
 * devices with their reason, and a link to the execution in the console when a console address
 * is set. Devices that succeeded are counted, not listed: nothing to do about them.
 */
export function resultMail(
  task: { name: string; type: string; mailTo: readonly string[] },
  execution: ExecutionSummary,
  devices: readonly TaskDeviceResult[],
  consoleLink: string | null = null,
): OutgoingMail {
  const failed = devices.filter((d) => !d.ok);
  const tally = { succeeded: devices.length - failed.length, failed: failed.length };
  const summary = runSummaryText('en', execution.state, tally);
  const lines = [
    `Task: ${task.name} (${task.type})`,
    `Outcome: ${summary}`,
    `Started: ${execution.startedAt === null ? '-' : localTime(execution.startedAt)}, by ${execution.trigger === 'manual' ? 'a person' : execution.trigger === 'missed' ? 'a run missed while the console was closed' : 'its schedule'}`,
    `Finished: ${execution.finishedAt === null ? '-' : localTime(execution.finishedAt)}`,
  ];
  if (consoleLink) lines.push(`Open: ${consoleLink}`);
  if (execution.error) lines.push(`Error: ${execution.error}`);
  if (failed.length > 0) {
    lines.push('', `Failed (${failed.length}):`);
    const shown = failed.slice(0, MAX_FAILED_LINES);
    for (const d of shown) lines.push(`  ${d.label}: ${d.message}`);
    if (shown.length < failed.length) lines.push(`  … and ${failed.length - shown.length} more (see the execution in Printdeck)`);
  }
  if (tally.succeeded > 0) lines.push('', `${tally.succeeded} ${tally.succeeded === 1 ? 'device' : 'devices'} succeeded (not listed).`);
  return {
    kind: 'task-result',
    to: task.mailTo,
    subject: `Printdeck task "${task.name}": ${summary}`,
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
