import type { SMTPServerSession } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DOVECOT, hasDovecot, startDovecot, type DovecotRig } from './dovecot-rig';
import { bodyOf, openMailCore, smtpSettings, type MailCoreRig } from './mail-rig';
import { startSmtpServer, type SmtpRig } from './smtp-rig';

/**
 * POP before SMTP against Debian's dovecot (a real POP3 server) on 127.121.0.2:2531, and an SMTP
 * server on 127.121.0.3 that relays only for an address dovecot logged a POP login from — the
 * way POP-before-SMTP relays work (they read the POP server's log).
 */
const POP_HOST = '127.121.0.2';
const POP_PORT = 2531;
const SMTP_HOST = '127.121.0.3';
const POP_USERS = { alice: 'Pop-Secret-7' };
const RELAY_WINDOW_MS = 60_000;

if (!hasDovecot) console.warn(`pop-before-smtp.test.ts skipped: needs ${DOVECOT} and root (apt-get install dovecot-pop3d)`);

/** Opens the relay for an address for a while after each new POP login from it; waits briefly for dovecot's log to catch up. */
function popBeforeSmtpGate(pop: DovecotRig) {
  let seen = 0;
  const openUntil = new Map<string, number>();
  const refresh = () => {
    const logins = pop.logins();
    for (const login of logins.slice(seen)) openUntil.set(login.remoteAddress, Date.now() + RELAY_WINDOW_MS);
    seen = logins.length;
  };
  return {
    reset: () => {
      refresh();
      openUntil.clear();
    },
    gate: async (session: SMTPServerSession): Promise<Error | null> => {
      for (let check = 0; check < 10; check++) {
        refresh();
        if ((openUntil.get(session.remoteAddress) ?? 0) > Date.now()) return null;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return Object.assign(new Error(`relay closed for ${session.remoteAddress}: log in with POP first`), { responseCode: 554 });
    },
  };
}

describe.skipIf(!hasDovecot)('POP before SMTP with dovecot', () => {
  let pop: DovecotRig;
  let smtp: SmtpRig;
  let relay: ReturnType<typeof popBeforeSmtpGate>;
  let rig: MailCoreRig;

  beforeAll(async () => {
    pop = await startDovecot({ host: POP_HOST, port: POP_PORT, users: POP_USERS });
    relay = popBeforeSmtpGate(pop);
    smtp = await startSmtpServer({ host: SMTP_HOST, gate: (session) => relay.gate(session) });
  }, 20_000);
  afterAll(async () => {
    await smtp?.close();
    await pop?.stop();
  });
  beforeEach(async () => {
    relay.reset();
    smtp.received.length = 0;
    smtp.connections.length = 0;
    rig = await openMailCore();
  });
  afterEach(() => rig.dispose());

  const settings = (popSettings: { apop?: boolean; password?: string; enabled?: boolean }) =>
    smtpSettings(SMTP_HOST, smtp.port, { security: 'none' }, { enabled: true, host: POP_HOST, port: POP_PORT, user: 'alice', password: POP_USERS.alice, waitAfterMs: 100, ...popSettings });

  it('refuses to relay without a POP login (the gate works)', async () => {
    await rig.api.mail.updateSettings(settings({ enabled: false }));

    const result = await rig.api.mail.sendTest({ to: ['ops@example.test'] });

    expect(result).toMatchObject({ ok: false, step: 'smtp-connect', error: expect.stringContaining('refused the session (554') });
    expect(smtp.received).toEqual([]);
  });

  it('logs in with USER/PASS, then sends the mail', async () => {
    const before = pop.logins().length;
    await rig.api.mail.updateSettings(settings({ apop: false }));

    const id = rig.core.mailOutbox.enqueue({ kind: 'task-result', to: ['ops@example.test'], subject: 'Task 4 finished', text: '12 devices read, 1 failed.' });
    await rig.settle();

    expect(pop.logins().slice(before)).toEqual([{ user: 'alice', method: 'PLAIN', remoteAddress: '127.0.0.1' }]);
    expect(smtp.received).toEqual([expect.objectContaining({ to: ['ops@example.test'] })]);
    expect(bodyOf(smtp.received[0]?.raw ?? '')).toContain('12 devices read, 1 failed.');
    expect((await rig.api.mail.listOutbox({})).entries).toEqual([expect.objectContaining({ id, state: 'sent', attempts: 1 })]);
  });

  it('logs in with APOP (MD5 of the greeting timestamp and the password), then sends the test mail', async () => {
    const before = pop.logins().length;
    await rig.api.mail.updateSettings(settings({ apop: true }));

    const result = await rig.api.mail.sendTest({ to: ['ops@example.test'] });

    expect(result).toMatchObject({ ok: true });
    expect(pop.logins().slice(before)).toEqual([{ user: 'alice', method: 'APOP', remoteAddress: '127.0.0.1' }]);
    expect(smtp.received).toHaveLength(1);
  });

  it.each([false, true])('a wrong POP password (APOP %s) is a clear error, sends nothing, and the mail is retried later', async (apop) => {
    await rig.api.mail.updateSettings(settings({ apop, password: 'wrong-password' }));

    const test = await rig.api.mail.sendTest({ to: ['ops@example.test'] });
    expect(test).toMatchObject({ ok: false, step: 'pop-auth' });
    expect(test.ok ? '' : test.error).toMatch(new RegExp(`^POP server ${POP_HOST}:${POP_PORT} refused the login of "alice" at ${apop ? 'APOP' : 'PASS'} \\(-ERR.*\\): check the POP user and password`));

    const id = rig.core.mailOutbox.enqueue({ kind: 'alert', to: ['ops@example.test'], subject: 'Toner low', text: 'Toner low on Lab.' });
    await rig.settle();
    const queued = (await rig.api.mail.listOutbox({ state: 'queued' })).entries;
    expect(queued).toEqual([expect.objectContaining({ id, attempts: 1, lastErrorStep: 'pop-auth', nextAttemptAt: rig.clock.now() + 60_000 })]);
    expect(smtp.connections).toEqual([]);
    expect(smtp.received).toEqual([]);

    // The right password (only the password changes): queued mails are tried again at once.
    await rig.api.mail.updateSettings(settings({ apop, password: POP_USERS.alice }));
    await rig.settle();
    expect((await rig.api.mail.listOutbox({ state: 'sent' })).entries).toEqual([expect.objectContaining({ id, attempts: 2 })]);
    expect(smtp.received).toEqual([expect.objectContaining({ to: ['ops@example.test'] })]);
  });
});
