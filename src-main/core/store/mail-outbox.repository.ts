import { MAIL_STEPS, OUTBOX_STATES, type MailKind, type MailStep, type OutboxEntry, type OutboxState } from '../../../src-shared/contract/mail.contract';
import type { Database } from './database';

/** A mail as the sender needs it (with bodies). */
export interface OutboxMail {
  id: number;
  kind: MailKind;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  attempts: number;
}

export interface NewOutboxMail {
  kind: MailKind;
  to: readonly string[];
  subject: string;
  text: string;
  html: string | null;
  reference: string | null;
  state: 'queued' | 'sending';
  createdAt: number;
}

interface OutboxListRow {
  id: number;
  kind: MailKind;
  recipients: string;
  subject: string;
  reference: string | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  last_error_step: string | null;
  created_at: number;
  sent_at: number | null;
}

interface OutboxRow extends OutboxListRow {
  text_body: string;
  html_body: string | null;
}

const LIST_COLUMNS = 'id, kind, recipients, subject, reference, state, attempts, next_attempt_at, last_error, last_error_step, created_at, sent_at';

/**
 * The mail outbox: every mail the core sends, its state (queued → sending → sent | failed),
 * attempts and last error. State changes are single conditional UPDATEs, so a row is claimed
 * for sending once even if two batches overlap.
 */
export class MailOutboxRepository {
  private readonly insert;
  private readonly selectDue;
  private readonly selectNextDue;
  private readonly claim;
  private readonly markSent;
  private readonly markFailed;
  private readonly markRetry;
  private readonly markWaiting;
  private readonly requeue;
  private readonly recoverSending;
  private readonly dueNow;
  private readonly selectOne;
  private readonly deleteOne;
  private readonly countStates;
  private readonly listAll;
  private readonly listByState;

  constructor(private readonly db: Database) {
    this.insert = db.prepare<[string, string, string, string, string | null, string | null, string, number, number | null, number]>(
      'INSERT INTO mail_outbox (kind, recipients, subject, text_body, html_body, reference, state, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectDue = db.prepare<[number, number], OutboxRow>(
      "SELECT * FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
    );
    this.selectNextDue = db.prepare<[], { at: number | null }>("SELECT min(next_attempt_at) AS at FROM mail_outbox WHERE state = 'queued'");
    this.claim = db.prepare<[number]>("UPDATE mail_outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state = 'queued'");
    this.markSent = db.prepare<[number, number]>(
      "UPDATE mail_outbox SET state = 'sent', sent_at = ?, next_attempt_at = NULL WHERE id = ? AND state = 'sending'",
    );
    this.markFailed = db.prepare<[string, string, number]>(
      "UPDATE mail_outbox SET state = 'failed', last_error = ?, last_error_step = ?, next_attempt_at = NULL WHERE id = ? AND state = 'sending'",
    );
    this.markRetry = db.prepare<[string, string, number, number]>(
      "UPDATE mail_outbox SET state = 'queued', last_error = ?, last_error_step = ?, next_attempt_at = ? WHERE id = ? AND state = 'sending'",
    );
    this.markWaiting = db.prepare<[string, string, number]>(
      "UPDATE mail_outbox SET last_error = ?, last_error_step = ? WHERE state = 'queued' AND next_attempt_at <= ?",
    );
    this.requeue = db.prepare<[number, number]>(
      "UPDATE mail_outbox SET state = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ? AND state IN ('queued', 'failed')",
    );
    this.recoverSending = db.prepare<[number]>("UPDATE mail_outbox SET state = 'queued', next_attempt_at = ? WHERE state = 'sending'");
    this.dueNow = db.prepare<[number]>("UPDATE mail_outbox SET next_attempt_at = ? WHERE state = 'queued'");
    this.selectOne = db.prepare<[number], OutboxRow>('SELECT * FROM mail_outbox WHERE id = ?');
    this.deleteOne = db.prepare<[number]>("DELETE FROM mail_outbox WHERE id = ? AND state <> 'sending'");
    this.listAll = db.prepare<[number], OutboxListRow>(`SELECT ${LIST_COLUMNS} FROM mail_outbox ORDER BY id DESC LIMIT ?`);
    this.listByState = db.prepare<[string, number], OutboxListRow>(`SELECT ${LIST_COLUMNS} FROM mail_outbox WHERE state = ? ORDER BY id DESC LIMIT ?`);
    this.countStates = db.prepare<[], { state: OutboxState; n: number }>('SELECT state, count(*) AS n FROM mail_outbox GROUP BY state');
  }

  /** Stores a mail; a 'queued' one is due at `createdAt`, a 'sending' one (test mail) counts its attempt now. */
  add(mail: NewOutboxMail): number {
    const result = this.insert.run(
      mail.kind,
      JSON.stringify(mail.to),
      mail.subject,
      mail.text,
      mail.html,
      mail.reference,
      mail.state,
      mail.state === 'sending' ? 1 : 0,
      mail.state === 'sending' ? null : mail.createdAt,
      mail.createdAt,
    );
    return Number(result.lastInsertRowid);
  }

  /** Claims up to `limit` due mails for sending (state 'sending', attempts + 1), in ONE transaction. */
  claimDue(now: number, limit: number): OutboxMail[] {
    return this.db.transaction(() =>
      this.selectDue
        .all(now, limit)
        .filter((row) => this.claim.run(row.id).changes === 1)
        .map((row) => ({ ...toMail(row), attempts: row.attempts + 1 })),
    )();
  }

  /** The earliest next attempt among queued mails, or null when none is queued. */
  nextDueAt(): number | null {
    return this.selectNextDue.get()?.at ?? null;
  }

  sent(id: number, at: number): void {
    this.markSent.run(at, id);
  }

  failed(id: number, step: MailStep, error: string): void {
    this.markFailed.run(error, step, id);
  }

  retryAt(id: number, at: number, step: MailStep, error: string): void {
    this.markRetry.run(error, step, at, id);
  }

  /** Notes why due mails are still waiting (no attempt made: mail not set up). */
  noteWaiting(now: number, step: MailStep, error: string): void {
    this.markWaiting.run(error, step, now);
  }

  /** Queues a queued or failed mail again with fresh attempts; false when it is sending, sent or unknown. */
  requeueNow(id: number, now: number): boolean {
    return this.requeue.run(now, id).changes === 1;
  }

  /** Rows left 'sending' by a process that stopped mid-send go back to the queue, due now. */
  recoverInterrupted(now: number): number {
    return this.recoverSending.run(now).changes;
  }

  /** Makes every queued mail due now (after a settings change). */
  allDueNow(now: number): void {
    this.dueNow.run(now);
  }

  get(id: number): OutboxEntry | null {
    const row = this.selectOne.get(id);
    return row ? toEntry(row) : null;
  }

  /** Deletes a mail unless it is being sent; 'sending' when it is, else whether a row went. */
  remove(id: number): 'removed' | 'sending' | 'unknown' {
    if (this.deleteOne.run(id).changes === 1) return 'removed';
    return this.selectOne.get(id) ? 'sending' : 'unknown';
  }

  list(state: OutboxState | undefined, limit: number): OutboxEntry[] {
    const rows = state ? this.listByState.all(state, limit) : this.listAll.all(limit);
    return rows.map(toEntry);
  }

  counts(): Record<OutboxState, number> {
    const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
    for (const { state, n } of this.countStates.all()) counts[state] = n;
    return counts;
  }
}

function toMail(row: OutboxRow): OutboxMail {
  return { id: row.id, kind: row.kind, to: parseRecipients(row.recipients), subject: row.subject, text: row.text_body, html: row.html_body, attempts: row.attempts };
}

function toEntry(row: OutboxListRow): OutboxEntry {
  return {
    id: row.id,
    kind: row.kind,
    to: parseRecipients(row.recipients),
    subject: row.subject,
    reference: row.reference,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'queued' ? row.next_attempt_at : null,
    lastError: row.last_error,
    lastErrorStep: isStep(row.last_error_step) ? row.last_error_step : null,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

function parseRecipients(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isStep(value: string | null): value is MailStep {
  return value !== null && (MAIL_STEPS as readonly string[]).includes(value);
}
