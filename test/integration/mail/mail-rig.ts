import { resolve } from 'node:path';
import { appContract, type AppApi } from '../../../src-shared/contract/app.contract';
import type { MailSettingsUpdateInput } from '../../../src-shared/contract/mail.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import { createCore, type Core } from '../../../src-main/core/create-core';
import type { SecretStore } from '../../../src-main/core/secrets/secret-store';
import { FakeClock } from '../../helpers/fake-clock';

const RESOURCES = resolve(__dirname, '../../../resources');

export interface MailCoreRig {
  core: Core;
  /** The contract as a client sees it (zod defaults applied, roles checked: administrator). */
  api: AppApi;
  clock: FakeClock;
  log: string[];
  /** Ids of every mail.changed event. */
  changes: number[][];
  /** Lets due outbox timers fire and waits until the batch they started is over. */
  settle(): Promise<void>;
  /** Moves the fake clock on by `ms` and settles. */
  advance(ms: number): Promise<void>;
  dispose(): Promise<void>;
}

/** A core on `databaseFile` with a fake clock whose mail outbox is started (monitoring is not). */
export async function openMailCore(databaseFile = ':memory:', secretStore?: SecretStore): Promise<MailCoreRig> {
  const clock = new FakeClock();
  const log: string[] = [];
  const changes: number[][] = [];
  const core = await createCore({ databaseFile, resourcesDir: RESOURCES, version: 'test', clock, log: (line) => log.push(line), ...(secretStore ? { secretStore } : {}) });
  core.events.subscribe((name, payload) => {
    if (name === 'mail.changed') changes.push((payload as { ids: number[] }).ids);
  });
  const router = core.router;
  const api = createApiClient(appContract, createInProcessTransport(router, core.events));
  core.mailOutbox.start();
  const settle = async () => {
    // A batch may end by scheduling the next wake-up at "now" (more mails due): a few bounded rounds.
    for (let round = 0; round < 5; round++) {
      clock.advance(0);
      await core.mailOutbox.idle();
    }
  };
  return {
    core,
    api,
    clock,
    log,
    changes,
    settle,
    advance: async (ms) => {
      clock.advance(ms);
      await settle();
    },
    dispose: () => core.dispose(),
  };
}

/** Settings for an SMTP server of a rig; every field can be overridden. */
export function smtpSettings(host: string, port: number, smtp: Partial<MailSettingsUpdateInput['smtp']> = {}, pop: Partial<MailSettingsUpdateInput['popBeforeSmtp']> = {}): MailSettingsUpdateInput {
  return {
    smtp: { host, port, security: 'none', verifyCertificate: false, auth: 'none', from: 'printdeck@example.test', connectionTimeoutMs: 3_000, greetingTimeoutMs: 3_000, socketTimeoutMs: 5_000, ...smtp },
    popBeforeSmtp: { enabled: false, host: '', ...pop },
  };
}

/** The raw message's body after the header block, with soft line breaks of quoted-printable undone. */
export function bodyOf(raw: string): string {
  const start = raw.indexOf('\r\n\r\n');
  return (start >= 0 ? raw.slice(start + 4) : raw).replace(/=\r\n/g, '');
}
