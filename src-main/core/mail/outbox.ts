import type { AppEvents } from '../../../src-shared/contract/app.contract';
import { mailAddressSchema } from '../../../src-shared/contract/mail.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { ActivityReporter } from '../metrics/console-activity';
import type { Clock } from '../monitor/clock';
import type { SecretStore } from '../secrets/secret-store';
import type { MailOutboxRepository, OutboxMail } from '../store/mail-outbox.repository';
import type { MailSettingsRepository } from '../store/mail-settings.repository';
import { deliverBatch, type DeliveryResult, type MailTransport } from './mail-delivery';
import { errorMessage, MailFailure } from './mail-failure';
import type { Mailer, OutgoingMail } from './mail-port';
import { consoleLink, deliverySettings, notReadyReason } from './mail-settings';

/** Waits after failed attempts 1, 2, 3, 4; the attempt after the last wait is the last one. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];
/** Mails claimed per batch (one POP login, then one SMTP connection each). */
const BATCH_SIZE = 20;
/** Batches per wake-up, so a huge backlog cannot hold the loop forever; the rest follows at once. */
const BATCHES_PER_WAKE = 10;

export interface OutboxDeps {
  outbox: MailOutboxRepository;
  settings: MailSettingsRepository;
  secrets: SecretStore;
  transport: MailTransport;
  events: EventHub<AppEvents>;
  clock: Clock;
  log: (line: string) => void;
  /** Waits between attempts; attempts in all = backoff.length + 1. */
  backoffMs?: readonly number[];
  /** Told of every attempt's outcome ('mail.attempt'), for the console's own statistics. */
  activity?: ActivityReporter;
}

/**
 * The persisted outbox (the core's Mailer): enqueue() stores a mail and returns; a Clock-driven
 * loop sends due mails in batches, retries failures after the backoff and marks a mail failed
 * (with the error) after the last attempt. Every outcome is logged and announced with
 * mail.changed, so nothing is lost silently. Nothing is sent before start().
 */
export class Outbox implements Mailer {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  private stopped = false;
  private lastWaitingNote: string | null = null;
  private readonly backoff: readonly number[];

  constructor(private readonly deps: OutboxDeps) {
    this.backoff = deps.backoffMs ?? DEFAULT_BACKOFF_MS;
  }

  enqueue(mail: OutgoingMail): number {
    const to = checkRecipients(mail.to);
    const id = this.deps.outbox.add({
      kind: mail.kind,
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      reference: mail.reference ?? null,
      state: 'queued',
      createdAt: this.deps.clock.now(),
    });
    this.changed([id]);
    this.wake(0);
    return id;
  }

  consoleLink(hashPath: string): string | null {
    return consoleLink(this.deps.settings.get(), hashPath);
  }

  /** Puts mails a stopped process left 'sending' back in the queue and starts the loop. Idempotent. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    const recovered = this.deps.outbox.recoverInterrupted(this.deps.clock.now());
    if (recovered > 0) {
      this.deps.log(`mail: ${recovered} mail(s) were being sent when Printdeck stopped; they are queued again`);
      this.changed([]);
    }
    this.wake(0);
  }

  /** Makes every queued mail due now (the settings changed: the next attempt may work). */
  retryQueuedNow(): void {
    this.deps.outbox.allDueNow(this.deps.clock.now());
    this.lastWaitingNote = null;
    this.wake(0);
  }

  /** Queues one mail again with fresh attempts; false when it is being sent, sent or unknown. */
  requeue(id: number): boolean {
    if (!this.deps.outbox.requeueNow(id, this.deps.clock.now())) return false;
    this.changed([id]);
    this.wake(0);
    return true;
  }

  /** Announces a mail the service deleted. */
  removed(id: number): void {
    this.changed([id]);
  }

  /** Resolves when no batch is under way (tests and dispose). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops the loop and waits for a batch under way (its results are recorded). */
  async dispose(): Promise<void> {
    this.stopped = true;
    this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
  }

  /** Sends one message now (test mail), recorded in the outbox as sent or failed, never retried. */
  async sendNow(mail: OutgoingMail): Promise<{ id: number; result: DeliveryResult }> {
    const to = checkRecipients(mail.to);
    const now = this.deps.clock.now();
    const id = this.deps.outbox.add({ kind: mail.kind, to, subject: mail.subject, text: mail.text, html: mail.html ?? null, reference: mail.reference ?? null, state: 'sending', createdAt: now });
    this.changed([id]);
    const [result] = await this.attempt([{ id, kind: mail.kind, to, subject: mail.subject, text: mail.text, html: mail.html ?? null, attempts: 1 }]);
    const outcome = result ?? { ok: false, failure: new MailFailure('smtp-send', 'no result') };
    if (outcome.ok) this.deps.outbox.sent(id, this.deps.clock.now());
    else this.deps.outbox.failed(id, outcome.failure.step, outcome.failure.message);
    this.deps.log(outcome.ok ? `mail ${id} (test) sent to ${to.join(', ')}` : `mail ${id} (test) to ${to.join(', ')} failed: ${outcome.failure.message}`);
    this.changed([id]);
    return { id, result: outcome };
  }

  private wake(delayMs: number): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.deps.clock.clearTimeout(this.timer);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      let waiting = false;
      this.running = this.pump()
        .then((outcome) => void (waiting = outcome === 'waiting'))
        .catch((error: unknown) => this.deps.log(`mail: the outbox loop failed: ${errorMessage(error)}`))
        .finally(() => {
          this.running = null;
          if (this.again) {
            this.again = false;
            this.wake(0);
          } else if (!waiting) {
            // Waiting for settings: the next wake-up is a settings change or a new mail, not a timer.
            this.scheduleNext();
          }
        });
    }, delayMs);
  }

  private scheduleNext(): void {
    const due = this.deps.outbox.nextDueAt();
    if (due === null || this.stopped) return;
    this.wake(Math.max(0, due - this.deps.clock.now()));
  }

  private async pump(): Promise<'done' | 'waiting'> {
    for (let batch = 0; batch < BATCHES_PER_WAKE && !this.stopped; batch++) {
      const notReady = notReadyReason(this.deps.settings.get());
      if (notReady) {
        this.noteWaiting(notReady);
        return 'waiting';
      }
      const mails = this.deps.outbox.claimDue(this.deps.clock.now(), BATCH_SIZE);
      if (mails.length === 0) return 'done';
      this.changed(mails.map((m) => m.id));
      const results = await this.attempt(mails);
      mails.forEach((mail, i) => this.record(mail, results[i]));
      this.changed(mails.map((m) => m.id));
      if (mails.length < BATCH_SIZE) return 'done';
    }
    this.again = !this.stopped;
    return 'done';
  }

  private async attempt(mails: readonly OutboxMail[]): Promise<DeliveryResult[]> {
    try {
      const settings = deliverySettings(this.deps.settings.get(), this.deps.secrets);
      return await deliverBatch(this.deps.transport, settings, mails.map((m) => ({ to: m.to, subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}) })));
    } catch (error) {
      const failure = error instanceof MailFailure ? error : new MailFailure('settings', errorMessage(error), { cause: error });
      return mails.map(() => ({ ok: false, failure }));
    }
  }

  private record(mail: OutboxMail, result: DeliveryResult | undefined): void {
    const now = this.deps.clock.now();
    const label = `mail ${mail.id} (${mail.kind}) to ${mail.to.join(', ')}`;
    if (result?.ok) {
      this.deps.outbox.sent(mail.id, now);
      this.deps.log(`${label} sent (attempt ${mail.attempts})`);
      this.deps.activity?.emit('mail.attempt', { outcome: 'sent' });
      return;
    }
    const failure = result?.failure ?? new MailFailure('smtp-send', 'no result for this mail');
    const wait = this.backoff[mail.attempts - 1];
    if (wait === undefined) {
      this.deps.outbox.failed(mail.id, failure.step, failure.message);
      this.deps.log(`${label} FAILED for good after ${mail.attempts} attempt(s): ${failure.message}`);
      this.deps.activity?.emit('mail.attempt', { outcome: 'failed' });
      return;
    }
    this.deps.outbox.retryAt(mail.id, now + wait, failure.step, failure.message);
    this.deps.log(`${label} not sent (attempt ${mail.attempts} of ${this.backoff.length + 1}), next try in ${Math.round(wait / 60_000)} min: ${failure.message}`);
    this.deps.activity?.emit('mail.attempt', { outcome: 'retry' });
  }

  private noteWaiting(reason: string): void {
    const now = this.deps.clock.now();
    this.deps.outbox.noteWaiting(now, 'settings', `not sent yet: ${reason}`);
    if (this.lastWaitingNote !== reason && this.deps.outbox.nextDueAt() !== null) {
      this.lastWaitingNote = reason;
      this.deps.log(`mail: queued mails wait: ${reason}`);
      this.changed([]);
    }
  }

  private changed(ids: number[]): void {
    this.deps.events.emit('mail.changed', { ids });
  }
}

/** The addresses of a mail, checked one by one; AppError 'invalid-argument' names the bad one. */
function checkRecipients(to: readonly string[]): string[] {
  if (to.length === 0) throw new AppError('invalid-argument', 'to: a mail needs at least one recipient', { field: 'to' });
  return to.map((address, i) => {
    const parsed = mailAddressSchema.safeParse(address);
    if (!parsed.success) throw new AppError('invalid-argument', `to[${i}]: "${address}" is not a mail address (expected name@example.com)`, { field: `to[${i}]` });
    return parsed.data;
  });
}
