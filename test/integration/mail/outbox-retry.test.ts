import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openMailCore, smtpSettings, type MailCoreRig } from './mail-rig';
import { deadPort, startSmtpServer, type SmtpRig } from './smtp-rig';

/** The outbox against a dead SMTP server (a closed loopback port) and across restarts; fake clock. */
const HOST = '127.121.0.4';
const MINUTE = 60_000;

const rigs: MailCoreRig[] = [];
const servers: SmtpRig[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.dispose();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function open(databaseFile?: string): Promise<MailCoreRig> {
  const rig = await openMailCore(databaseFile);
  rigs.push(rig);
  return rig;
}

describe('the outbox with a dead SMTP server', () => {
  it('retries after 1, 5, 15 and 60 minutes, then reports the mail failed with the error', async () => {
    const port = await deadPort(HOST);
    const rig = await open();
    await rig.api.mail.updateSettings(smtpSettings(HOST, port));
    const start = rig.clock.now();

    const id = rig.core.mailOutbox.enqueue({ kind: 'alert', to: ['ops@example.test'], subject: 'Door open', text: 'Lab: door open.' });
    await rig.settle();

    const entry = async () => (await rig.api.mail.listOutbox({})).entries.find((e) => e.id === id);
    const expectedError = `SMTP server ${HOST}:${port} refused the connection (nothing listens on that port?)`;
    expect(await entry()).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: start + MINUTE, lastErrorStep: 'smtp-connect', lastError: expectedError });

    // Just before each due time nothing happens; at it, the next attempt.
    const waits = [1, 5, 15, 60];
    let at = start;
    for (const [i, wait] of waits.entries()) {
      await rig.advance(wait * MINUTE - 1);
      expect((await entry())?.attempts).toBe(i + 1);
      await rig.advance(1);
      at += wait * MINUTE;
      const next = waits[i + 1];
      expect(await entry()).toMatchObject(
        next === undefined
          ? { state: 'failed', attempts: 5, nextAttemptAt: null, lastErrorStep: 'smtp-connect', lastError: expectedError }
          : { state: 'queued', attempts: i + 2, nextAttemptAt: at + next * MINUTE },
      );
    }
    expect(rig.clock.now()).toBe(start + 81 * MINUTE);
    expect(rig.log.filter((line) => line.startsWith(`mail ${id} `))).toEqual([
      expect.stringContaining('not sent (attempt 1 of 5), next try in 1 min'),
      expect.stringContaining('not sent (attempt 2 of 5), next try in 5 min'),
      expect.stringContaining('not sent (attempt 3 of 5), next try in 15 min'),
      expect.stringContaining('not sent (attempt 4 of 5), next try in 60 min'),
      `mail ${id} (alert) to ops@example.test FAILED for good after 5 attempt(s): ${expectedError}`,
    ]);

    // Nothing is tried any more, however long the console runs.
    await rig.advance(24 * 60 * MINUTE);
    expect((await entry())?.attempts).toBe(5);

    // A person retries it once the server is back: fresh attempts, sent at once.
    const smtp = await startSmtpServer({ host: HOST });
    servers.push(smtp);
    await rig.api.mail.updateSettings(smtpSettings(HOST, smtp.port));
    expect(await rig.api.mail.retry({ id })).toMatchObject({ state: 'queued', attempts: 0 });
    await rig.settle();
    expect(await entry()).toMatchObject({ state: 'sent', attempts: 1 });
    expect(smtp.received).toHaveLength(1);
    await expect(rig.api.mail.retry({ id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(rig.api.mail.retry({ id: 999 })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('keeps mails queued while no SMTP server is set, and sends them when one is', async () => {
    const rig = await open();
    const id = rig.core.mailOutbox.enqueue({ kind: 'task-result', to: ['ops@example.test'], subject: 'Done', text: 'Task done.' });
    await rig.settle();
    await rig.advance(10 * MINUTE);

    expect((await rig.api.mail.listOutbox({})).entries).toEqual([
      expect.objectContaining({ id, state: 'queued', attempts: 0, lastErrorStep: 'settings', lastError: 'not sent yet: no SMTP server is set in the mail settings' }),
    ]);
    expect(rig.log).toEqual(['mail: queued mails wait: no SMTP server is set in the mail settings']);
    await expect(rig.api.mail.sendTest({ to: ['a@example.test'] })).rejects.toMatchObject({ code: 'invalid-argument' });

    const smtp = await startSmtpServer({ host: HOST });
    servers.push(smtp);
    await rig.api.mail.updateSettings(smtpSettings(HOST, smtp.port));
    await rig.settle();
    expect((await rig.api.mail.listOutbox({})).entries).toEqual([expect.objectContaining({ id, state: 'sent', attempts: 1 })]);
  });

  it('queues mails a stopped console left "sending" again on start, and keeps queued ones across the restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'printdeck-outbox-'));
    folders.push(folder);
    const file = join(folder, 'printdeck.db');
    const first = await open(file);
    const smtp = await startSmtpServer({ host: HOST });
    servers.push(smtp);
    await first.api.mail.updateSettings(smtpSettings(HOST, smtp.port));
    await first.core.mailOutbox.dispose();
    const interrupted = first.core.mailOutbox.enqueue({ kind: 'alert', to: ['a@example.test'], subject: 'one', text: 'one' });
    const queued = first.core.mailOutbox.enqueue({ kind: 'alert', to: ['b@example.test'], subject: 'two', text: 'two' });
    await first.dispose();
    rigs.splice(rigs.indexOf(first), 1);
    // As a crash mid-send leaves it.
    const db = new BetterSqlite3(file);
    db.prepare("UPDATE mail_outbox SET state = 'sending', attempts = 1 WHERE id = ?").run(interrupted);
    db.close();

    const second = await open(file);
    await second.settle();

    const entries = (await second.api.mail.listOutbox({})).entries;
    expect(entries.map((e) => [e.id, e.state, e.attempts])).toEqual([
      [queued, 'sent', 1],
      [interrupted, 'sent', 2],
    ]);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['a@example.test', 'b@example.test']);
    expect(second.log).toContain('mail: 1 mail(s) were being sent when Printdeck stopped; they are queued again');
  });

  it('removes entries unless they are being sent', async () => {
    const rig = await open();
    const id = rig.core.mailOutbox.enqueue({ kind: 'alert', to: ['a@example.test'], subject: 's', text: 't' });
    await rig.api.mail.remove({ id });
    await rig.api.mail.remove({ id: 12345 });
    expect((await rig.api.mail.listOutbox({})).entries).toEqual([]);
    expect(rig.changes.at(-1)).toEqual([id]);
  });
});
