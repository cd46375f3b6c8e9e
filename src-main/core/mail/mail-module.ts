import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { ActivityReporter } from '../metrics/console-activity';
import type { Clock } from '../monitor/clock';
import type { SecretStore } from '../secrets/secret-store';
import type { Database } from '../store/database';
import { MailOutboxRepository } from '../store/mail-outbox.repository';
import { MailSettingsRepository } from '../store/mail-settings.repository';
import { networkMailTransport, type MailTransport } from './mail-delivery';
import { MailService } from './mail.service';
import { Outbox } from './outbox';

export interface MailModuleDeps {
  db: Database;
  secrets: SecretStore;
  events: EventHub<AppEvents>;
  clock: Clock;
  log: (line: string) => void;
  version: string;
  /** SMTP and POP over the network by default. */
  transport?: MailTransport;
  /** Waits between attempts (1, 5, 15, 60 min by default). */
  backoffMs?: readonly number[];
  /** Where the outbox reports each attempt (the console's own statistics). */
  activity?: ActivityReporter;
}

export interface MailModule {
  /** The contract's mail service. */
  service: MailService;
  /** The Mailer every other module sends through; start() it with the core, dispose() before the store closes. */
  outbox: Outbox;
}

/** Builds the mail module (no side effects: the outbox sends nothing before start()). */
export function createMailModule(deps: MailModuleDeps): MailModule {
  const settings = new MailSettingsRepository(deps.db);
  const outboxRows = new MailOutboxRepository(deps.db);
  const outbox = new Outbox({
    outbox: outboxRows,
    settings,
    secrets: deps.secrets,
    transport: deps.transport ?? networkMailTransport,
    events: deps.events,
    clock: deps.clock,
    log: deps.log,
    backoffMs: deps.backoffMs,
    activity: deps.activity,
  });
  const service = new MailService({ settings, outbox: outboxRows, sender: outbox, secrets: deps.secrets, clock: deps.clock, version: deps.version });
  return { service, outbox };
}
