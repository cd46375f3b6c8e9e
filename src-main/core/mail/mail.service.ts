import type { AppImpl } from '../../../src-shared/contract/app.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { Clock } from '../monitor/clock';
import type { SecretStore } from '../secrets/secret-store';
import type { MailOutboxRepository } from '../store/mail-outbox.repository';
import type { MailSettingsRepository } from '../store/mail-settings.repository';
import { applyUpdate, notReadyReason, toContractSettings } from './mail-settings';
import type { Outbox } from './outbox';

type MailImpl = AppImpl['mail'];

export interface MailServiceDeps {
  settings: MailSettingsRepository;
  outbox: MailOutboxRepository;
  sender: Outbox;
  secrets: SecretStore;
  clock: Clock;
  version: string;
}

/**
 * The mail part of the contract: settings (passwords in, never out), the test mail and the
 * outbox log. Expected failures are AppError ('invalid-argument', 'not-found', 'conflict').
 */
export class MailService implements MailImpl {
  constructor(private readonly deps: MailServiceDeps) {}

  getSettings: MailImpl['getSettings'] = () => toContractSettings(this.deps.settings.get());

  updateSettings: MailImpl['updateSettings'] = (update) => {
    const next = applyUpdate(this.deps.settings.get(), update, this.deps.secrets, this.deps.clock.now());
    this.deps.settings.save(next);
    this.deps.sender.retryQueuedNow();
    return toContractSettings(next);
  };

  sendTest: MailImpl['sendTest'] = async ({ to }) => {
    const stored = this.deps.settings.get();
    const subject = 'Printdeck test mail';
    const text = [
      'This is a test mail from Printdeck.',
      '',
      `Sent through ${stored.smtp.host}:${stored.smtp.port} (security: ${stored.smtp.security}, login: ${stored.smtp.auth})` +
        (stored.popBeforeSmtp.enabled ? `, after a POP login at ${stored.popBeforeSmtp.host}:${stored.popBeforeSmtp.port}.` : '.'),
      `Printdeck ${this.deps.version}`,
    ].join('\n');
    const notReady = notReadyReason(stored);
    if (notReady) throw new AppError('invalid-argument', `cannot send a test mail: ${notReady}`, { field: 'smtp.host' });
    const { id, result } = await this.deps.sender.sendNow({ kind: 'test', to, subject, text, reference: 'test mail' });
    return result.ok
      ? { ok: true as const, outboxId: id, message: `the SMTP server accepted the mail (${result.response})` }
      : { ok: false as const, outboxId: id, step: result.failure.step, error: result.failure.message };
  };

  listOutbox: MailImpl['listOutbox'] = ({ state, limit }) => ({ entries: this.deps.outbox.list(state, limit), counts: this.deps.outbox.counts() });

  retry: MailImpl['retry'] = ({ id }) => {
    const entry = this.deps.outbox.get(id) ?? notFound(id);
    if (!this.deps.sender.requeue(id)) throw new AppError('conflict', `mail ${id} is ${entry.state}: only a queued or failed mail can be tried again`);
    return this.deps.outbox.get(id) ?? notFound(id);
  };

  remove: MailImpl['remove'] = ({ id }) => {
    const outcome = this.deps.outbox.remove(id);
    if (outcome === 'sending') throw new AppError('conflict', `mail ${id} is being sent right now: remove it when the attempt is over`);
    if (outcome === 'removed') this.deps.sender.removed(id);
    return {};
  };
}

function notFound(id: number): never {
  throw new AppError('not-found', `there is no mail ${id} in the outbox`);
}
