import { stringify } from 'csv-stringify/sync';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { auditContract, AuditOutcome } from '../../../src-shared/contract/audit.contract';
import type { CallContext, ServiceImpl } from '../../../src-shared/rpc/contract-builder';
import type { CallRecord } from '../../../src-shared/rpc/router';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { Clock } from '../monitor/clock';
import type { AccountsRepository } from '../store/accounts.repository';
import type { AuditRepository } from '../store/audit.repository';
import { auditTargets, maskedDetail } from './audit-detail';
import { neutraliseRows } from '../../../src-shared/csv/csv-cell';

type AuditImpl = ServiceImpl<typeof auditContract>;

const DAY_MS = 86_400_000;
const EXPORT_LIMIT = 100_000;
/** Bursts of changes (a poll of a thousand devices is no change, but an import of many groups is) announce once. */
const ANNOUNCE_AFTER_MS = 500;

/** An event the audit log records that is not a contract call (sign-in, sign-out, session expiry). */
export interface AuditEvent {
  action: string;
  context: Pick<CallContext, 'caller' | 'host' | 'address'>;
  /** The user name when there is no caller yet (a failed sign-in names who it tried to be). */
  userName?: string;
  userId?: number | null;
  targets?: string[];
  outcome: AuditOutcome;
  errorCode?: string | null;
  message?: string | null;
  detail?: unknown;
}

export interface AuditLogDeps {
  audit: AuditRepository;
  accounts: AccountsRepository;
  events: EventHub<AppEvents>;
  clock: Clock;
  log: (line: string) => void;
}

/**
 * The system log (SECURITY.md): every change through the contract, every refused call, every
 * sign-in and sign-out, with who, when (UTC), where from, what and how it ended; secrets
 * masked. Appending never fails a call: a store error is reported to the server log. The
 * contract offers reading and export only; retention is the one thing that deletes.
 */
export class AuditLog implements AuditImpl {
  private announceTimer: unknown = null;
  private pruneTimer: unknown = null;

  constructor(private readonly deps: AuditLogDeps) {}

  /** The router's hook: changes and refusals. */
  recordCall = (record: CallRecord): void => {
    this.append({
      action: record.method,
      context: record.context,
      targets: auditTargets(record.method, record.params),
      outcome: record.outcome,
      errorCode: record.error?.code ?? null,
      message: record.error?.message ?? null,
      detail: maskedDetail(record.params),
      function: record.access.kind === 'function' ? record.access.function : null,
    });
  };

  /** Sign-ins, sign-outs and other events of the auth service. */
  record(event: AuditEvent): void {
    this.append({ ...event, function: null });
  }

  private append(event: AuditEvent & { function: string | null }): void {
    const caller = event.context.caller;
    try {
      this.deps.audit.append({
        at: this.deps.clock.now(),
        userId: caller ? caller.userId : (event.userId ?? null),
        userName: caller ? caller.userName : (event.userName ?? 'anonymous'),
        host: event.context.host,
        address: event.context.address,
        action: event.action,
        function: event.function,
        targets: event.targets ?? [],
        outcome: event.outcome,
        errorCode: event.errorCode ?? null,
        message: event.message ?? null,
        detail: event.detail === undefined || event.detail === null ? null : JSON.stringify(maskedDetail(event.detail)),
      });
    } catch (error) {
      this.deps.log(`the system log could not record ${event.action}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.announce();
  }

  private announce(): void {
    if (this.announceTimer !== null) return;
    this.announceTimer = this.deps.clock.setTimeout(() => {
      this.announceTimer = null;
      this.deps.events.emit('audit.appended', {});
    }, ANNOUNCE_AFTER_MS);
  }

  list: AuditImpl['list'] = ({ limit, ...filter }) => {
    const entries = this.deps.audit.list(filter, limit + 1);
    return { entries: entries.slice(0, limit), more: entries.length > limit };
  };

  exportCsv: AuditImpl['exportCsv'] = (filter) => {
    const entries = this.deps.audit.list(filter, EXPORT_LIMIT, 'oldest');
    const header = ['time (UTC)', 'user', 'host', 'address', 'action', 'function', 'targets', 'outcome', 'error', 'message', 'detail'];
    const rows = entries.map((e) => [
      new Date(e.at).toISOString(),
      e.userName,
      e.host,
      e.address ?? '',
      e.action,
      e.function ?? '',
      e.targets.join('; '),
      e.outcome,
      e.errorCode ?? '',
      e.message ?? '',
      e.detail === null ? '' : JSON.stringify(e.detail),
    ]);
    return { csv: stringify([header, ...neutraliseRows(rows)]), count: entries.length };
  };

  getSettings: AuditImpl['getSettings'] = () => ({ retentionDays: this.deps.accounts.getSettings().auditRetentionDays });

  updateSettings: AuditImpl['updateSettings'] = ({ retentionDays }) => {
    this.deps.accounts.updateSettings({ ...this.deps.accounts.getSettings(), auditRetentionDays: retentionDays });
    this.prune();
    return { retentionDays };
  };

  /** Deletes entries past the retention; returns how many. */
  prune(): number {
    const days = this.deps.accounts.getSettings().auditRetentionDays;
    return this.deps.audit.deleteOlderThan(this.deps.clock.now() - days * DAY_MS);
  }

  /** Prunes now and then daily. */
  start(): void {
    if (this.pruneTimer !== null) return;
    const run = (): void => {
      try {
        this.prune();
      } catch (error) {
        this.deps.log(`pruning the system log failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.pruneTimer = this.deps.clock.setTimeout(run, DAY_MS);
    };
    run();
  }

  dispose(): void {
    if (this.pruneTimer !== null) this.deps.clock.clearTimeout(this.pruneTimer);
    if (this.announceTimer !== null) this.deps.clock.clearTimeout(this.announceTimer);
    this.pruneTimer = null;
    this.announceTimer = null;
  }
}

