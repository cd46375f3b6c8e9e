import type { DiscoveryCounts, DiscoveryOutcome, DiscoveryRunState } from '../contract/discovery.contract';
import type { ExecutionState } from '../contract/tasks.contract';
import type { WordingLanguage } from './wording-language';

/**
 * The one vocabulary of outcomes, shared by the job model (task executions and their
 * per-device results), the device search (its runs and each address it found), the console,
 * the history, the result mails and the command line. A search run from the wizard and the
 * same search run as a task are judged by the same rule (`searchRunOutcome`) and worded by the
 * same tables, so the panel, the execution, the log, the mail and the CLI say the same thing.
 */

/** How one device (or address) of a run ended, as the job model counts it. */
export type DeviceOutcome = 'succeeded' | 'failed';

/** Succeeded and failed devices of a run. */
export interface OutcomeTally {
  succeeded: number;
  failed: number;
}

interface OutcomeWords {
  /** The state of an execution or a search run. */
  run: Readonly<Record<ExecutionState, string>>;
  /** One device of a run. */
  device: Readonly<Record<DeviceOutcome, string>>;
  /** One address or device of a search. */
  search: Readonly<Record<DiscoveryOutcome, string>>;
}

export const OUTCOME_WORDS: Readonly<Record<WordingLanguage, OutcomeWords>> = {
  en: {
    run: { queued: 'Queued', running: 'Running', succeeded: 'Succeeded', 'partly-failed': 'Partly failed', failed: 'Failed', cancelled: 'Cancelled' },
    device: { succeeded: 'Succeeded', failed: 'Failed' },
    search: { new: 'New', updated: 'Updated', unchanged: 'Unchanged', lost: 'Lost', skipped: 'Skipped', failed: 'Not readable' },
  },
  ja: {
    run: { queued: '待機中', running: '実行中', succeeded: '成功', 'partly-failed': '一部失敗', failed: '失敗', cancelled: '取り消し' },
    device: { succeeded: '成功', failed: '失敗' },
    search: { new: '新規', updated: '更新', unchanged: '変更なし', lost: '応答なし', skipped: 'スキップ', failed: '読み取り不可' },
  },
};

/** What a search result counts as in the job model: found devices succeed, lost and unreadable ones fail, skipped ones are neither. */
export function searchDeviceOutcome(outcome: DiscoveryOutcome): DeviceOutcome | null {
  switch (outcome) {
    case 'new':
    case 'updated':
    case 'unchanged':
      return 'succeeded';
    case 'lost':
    case 'failed':
      return 'failed';
    case 'skipped':
      return null;
    default:
      return outcome satisfies never;
  }
}

/** Succeeded and failed devices of a search from its counts (the same rule as `searchDeviceOutcome`). Never throws. */
export function searchTally(counts: Pick<DiscoveryCounts, 'new' | 'updated' | 'unchanged' | 'lost' | 'failed'>): OutcomeTally {
  return { succeeded: counts.new + counts.updated + counts.unchanged, failed: counts.lost + counts.failed };
}

/** The state of a finished run from its tally: none failed → succeeded, none succeeded → failed, else partly failed. Never throws. */
export function tallyOutcome(tally: OutcomeTally): 'succeeded' | 'partly-failed' | 'failed' {
  if (tally.failed === 0) return 'succeeded';
  return tally.succeeded === 0 ? 'failed' : 'partly-failed';
}

/**
 * The outcome of a search run in the job model's words: running, cancelled and failed as the
 * run says; a run that ended is judged by its tally, exactly as the same search run as a task.
 */
export function searchRunOutcome(state: DiscoveryRunState, counts: DiscoveryCounts): ExecutionState {
  return state === 'succeeded' ? tallyOutcome(searchTally(counts)) : state;
}

/** "Partly failed" / "一部失敗". */
export function runOutcomeWord(language: WordingLanguage, state: ExecutionState): string {
  return OUTCOME_WORDS[language].run[state];
}

/** "Lost" / "応答なし". */
export function searchOutcomeWord(language: WordingLanguage, outcome: DiscoveryOutcome): string {
  return OUTCOME_WORDS[language].search[outcome];
}

/** "194 succeeded, 6 failed" / "成功 194、失敗 6". Never throws. */
export function tallyText(language: WordingLanguage, tally: OutcomeTally): string {
  const words = OUTCOME_WORDS[language].device;
  if (language === 'ja') return `${words.succeeded} ${tally.succeeded}、${words.failed} ${tally.failed}`;
  return `${tally.succeeded} ${words.succeeded.toLowerCase()}, ${tally.failed} ${words.failed.toLowerCase()}`;
}

/** "Partly failed: 194 succeeded, 6 failed" — the one line of a run's end, in logs, mails and the CLI. Never throws. */
export function runSummaryText(language: WordingLanguage, state: ExecutionState, tally: OutcomeTally): string {
  return `${runOutcomeWord(language, state)}${language === 'ja' ? '：' : ': '}${tallyText(language, tally)}`;
}

/** "8 new, 0 updated, 186 unchanged, 6 lost, 0 skipped, 0 not readable": a search's counts per outcome, in the order of DISCOVERY_OUTCOMES. */
export function searchCountsText(language: WordingLanguage, counts: Readonly<Record<DiscoveryOutcome, number>>): string {
  const order: readonly DiscoveryOutcome[] = ['new', 'updated', 'unchanged', 'lost', 'skipped', 'failed'];
  const words = OUTCOME_WORDS[language].search;
  if (language === 'ja') return order.map((o) => `${words[o]} ${counts[o]}`).join('、');
  return order.map((o) => `${counts[o]} ${words[o].toLowerCase()}`).join(', ');
}
