import { setTimeout as delay } from 'node:timers/promises';
import { errorMessage, MailFailure } from './mail-failure';
import type { DeliverySettings } from './mail-settings';
import { popLogin, type PopLoginOptions } from './pop3-client';
import { sendSmtp, type SmtpMessage, type SmtpOptions } from './smtp-sender';

export type DeliveryResult = { ok: true; response: string } | { ok: false; failure: MailFailure };

/** The network side of sending, as a port so the outbox can be tested without servers. */
export interface MailTransport {
  popLogin(options: PopLoginOptions): Promise<void>;
  send(options: SmtpOptions, message: SmtpMessage): Promise<string>;
}

export const networkMailTransport: MailTransport = { popLogin, send: sendSmtp };

/**
 * Sends a batch: the POP login first when POP before SMTP is on (once per batch: it opens the
 * relay for a while), then each mail on its own SMTP connection. A failed POP login fails every
 * mail of the batch without an SMTP attempt. One result per mail, in order; never rejects.
 */
export async function deliverBatch(transport: MailTransport, settings: DeliverySettings, messages: readonly Omit<SmtpMessage, 'from'>[]): Promise<DeliveryResult[]> {
  if (settings.pop) {
    try {
      await transport.popLogin(settings.pop);
    } catch (error) {
      const failure = asFailure(error, 'pop-connect');
      return messages.map(() => ({ ok: false, failure }));
    }
    if (settings.pop.waitAfterMs > 0) await delay(settings.pop.waitAfterMs);
  }
  const results: DeliveryResult[] = [];
  for (const message of messages) {
    try {
      results.push({ ok: true, response: await transport.send(settings.smtp, { ...message, from: settings.from }) });
    } catch (error) {
      results.push({ ok: false, failure: asFailure(error, 'smtp-send') });
    }
  }
  return results;
}

function asFailure(error: unknown, step: MailFailure['step']): MailFailure {
  return error instanceof MailFailure ? error : new MailFailure(step, errorMessage(error), { cause: error });
}
