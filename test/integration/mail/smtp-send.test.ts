import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyOf, openMailCore, smtpSettings, type MailCoreRig } from './mail-rig';
import { startSmtpServer, type SmtpRig } from './smtp-rig';

/** Real SMTP server (smtp-server library) on loopback 127.121.0.1; the core's own outbox and nodemailer adapter. */
const HOST = '127.121.0.1';
const USERS = { printdeck: 'Sm7p-Secret!' };

let rig: MailCoreRig;
const servers: SmtpRig[] = [];
afterEach(async () => {
  await rig.dispose();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: Parameters<typeof startSmtpServer>[0]): Promise<SmtpRig> {
  const started = await startSmtpServer(options);
  servers.push(started);
  return started;
}

describe('sending through a real SMTP server', () => {
  it('delivers a queued mail over STARTTLS with AUTH PLAIN to every recipient, with subject and body', async () => {
    const smtp = await server({ host: HOST, users: USERS });
    rig = await openMailCore();
    await rig.api.mail.updateSettings(smtpSettings(HOST, smtp.port, { security: 'starttls', auth: 'plain', user: 'printdeck', password: USERS.printdeck }));

    const id = rig.core.mailOutbox.enqueue({ kind: 'alert', to: ['ops@example.test', 'oncall@example.test'], subject: 'Jam in Front desk', text: 'Front desk (10.0.0.5): paper jam since 09:12.', reference: 'condition 2' });
    await rig.settle();

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    if (!mail) throw new Error('no mail arrived');
    expect(mail.to).toEqual(['ops@example.test', 'oncall@example.test']);
    expect(mail.from).toBe('printdeck@example.test');
    expect(mail.raw).toMatch(/^Subject: Jam in Front desk\r$/m);
    expect(bodyOf(mail.raw)).toContain('Front desk (10.0.0.5): paper jam since 09:12.');
    expect(mail).toMatchObject({ authMethod: 'PLAIN', user: 'printdeck', secure: true });
    const { entries, counts } = await rig.api.mail.listOutbox({});
    expect(entries).toEqual([expect.objectContaining({ id, state: 'sent', attempts: 1, lastError: null, reference: 'condition 2' })]);
    expect(counts).toEqual({ queued: 0, sending: 0, sent: 1, failed: 0 });
    expect(rig.changes.some((ids) => ids.includes(id))).toBe(true);
  });

  it('sends the test mail over implicit TLS with AUTH LOGIN and reports success', async () => {
    const smtp = await server({ host: HOST, secure: true, users: USERS });
    rig = await openMailCore();
    await rig.api.mail.updateSettings(smtpSettings(HOST, smtp.port, { security: 'tls', auth: 'login', user: 'printdeck', password: USERS.printdeck }));

    const result = await rig.api.mail.sendTest({ to: ['admin@example.test'] });

    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('accepted') });
    expect(smtp.received).toEqual([expect.objectContaining({ to: ['admin@example.test'], authMethod: 'LOGIN', secure: true })]);
    expect(smtp.received[0]?.raw).toMatch(/^Subject: Printdeck test mail\r$/m);
    expect((await rig.api.mail.listOutbox({ state: 'sent' })).entries).toEqual([expect.objectContaining({ id: result.outboxId, kind: 'test' })]);
  });

  it('says the login was refused (535) for a wrong password, and sends nothing', async () => {
    const smtp = await server({ host: HOST, users: USERS });
    rig = await openMailCore();
    await rig.api.mail.updateSettings(smtpSettings(HOST, smtp.port, { security: 'starttls', auth: 'plain', user: 'printdeck', password: 'wrong' }));

    const result = await rig.api.mail.sendTest({ to: ['admin@example.test'] });

    expect(result).toMatchObject({ ok: false, step: 'smtp-auth' });
    expect(result.ok ? '' : result.error).toMatch(new RegExp(`^SMTP server ${HOST}:${smtp.port} refused the login of "printdeck" \\(535.*\\): check user and password$`));
    expect(smtp.received).toEqual([]);
    expect((await rig.api.mail.listOutbox({})).entries).toEqual([expect.objectContaining({ state: 'failed', lastErrorStep: 'smtp-auth' })]);
  });

  it('names TLS as the failed step when the self-signed certificate is checked', async () => {
    const smtp = await server({ host: HOST, users: USERS });
    rig = await openMailCore();
    await rig.api.mail.updateSettings(smtpSettings(HOST, smtp.port, { security: 'starttls', verifyCertificate: true, auth: 'plain', user: 'printdeck', password: USERS.printdeck }));

    const result = await rig.api.mail.sendTest({ to: ['admin@example.test'] });

    expect(result).toMatchObject({ ok: false, step: 'smtp-tls' });
    expect(result.ok ? '' : result.error).toMatch(/self[- ]signed.*turn off certificate checking/i);
    expect(smtp.received).toEqual([]);
  });

  it('says so when STARTTLS is required but the server does not offer it', async () => {
    const smtp = await server({ host: HOST, noStartTls: true });
    rig = await openMailCore();
    await rig.api.mail.updateSettings(smtpSettings(HOST, smtp.port, { security: 'starttls' }));

    const result = await rig.api.mail.sendTest({ to: ['admin@example.test'] });

    expect(result).toMatchObject({ ok: false, step: 'smtp-tls' });
    expect(result.ok ? '' : result.error).toMatch(/STARTTLS/);
    expect(smtp.received).toEqual([]);
  });

  it('reports a server that accepts the connection but never greets as a timeout, with a hint', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, HOST, () => resolve()));
    const port = (silent.address() as AddressInfo).port;
    rig = await openMailCore();
    await rig.api.mail.updateSettings(smtpSettings(HOST, port, { greetingTimeoutMs: 1_000 }));

    const result = await rig.api.mail.sendTest({ to: ['admin@example.test'] });

    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    expect(result).toMatchObject({ ok: false, step: 'timeout' });
    expect(result.ok ? '' : result.error).toBe(`SMTP server ${HOST}:${port} sent no greeting in time: the port may expect implicit TLS; try security "tls"`);
  });

  it('never returns passwords; an update without one keeps the stored password', async () => {
    const smtp = await server({ host: HOST, users: USERS });
    rig = await openMailCore();
    const settings = smtpSettings(HOST, smtp.port, { security: 'starttls', auth: 'plain', user: 'printdeck', password: USERS.printdeck });
    await rig.api.mail.updateSettings(settings);

    const { password: _dropped, ...withoutPassword } = settings.smtp;
    const updated = await rig.api.mail.updateSettings({ ...settings, smtp: { ...withoutPassword, socketTimeoutMs: 6_000 } });
    const read = await rig.api.mail.getSettings({});

    expect(updated).toEqual(read);
    expect(read.smtp).toMatchObject({ passwordSet: true, socketTimeoutMs: 6_000, user: 'printdeck' });
    expect(JSON.stringify(read)).not.toContain(USERS.printdeck);
    expect(await rig.api.mail.sendTest({ to: ['admin@example.test'] })).toMatchObject({ ok: true });
    expect(smtp.received).toHaveLength(1);
  });

  it('rejects settings that cannot work, naming the field', async () => {
    rig = await openMailCore();
    await expect(rig.api.mail.updateSettings(smtpSettings(HOST, 2525, { auth: 'plain', user: '', password: 'x' }))).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^smtp\.user: /) });
    await expect(rig.api.mail.updateSettings(smtpSettings(HOST, 2525, { auth: 'login', user: 'a' }))).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^smtp\.password: /) });
    await expect(rig.api.mail.updateSettings(smtpSettings(HOST, 2525, {}, { enabled: true, host: '' }))).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^popBeforeSmtp\.host: /) });
    expect(() => rig.core.mailOutbox.enqueue({ kind: 'alert', to: ['ops@example.test', 'not an address'], subject: 's', text: 't' })).toThrow(/to\[1\]: "not an address" is not a mail address/);
    expect((await rig.api.mail.getSettings({})).updatedAt).toBeNull();
  });
});
