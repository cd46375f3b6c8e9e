import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openMailCore, smtpSettings, type MailCoreRig } from './mail-rig';
import { startSmtpServer, type SmtpRig } from './smtp-rig';

/** Stored SMTP/POP passwords are sealed with the key file beside the database; losing it is a clear error. */
const HOST = '127.121.0.5';
const SMTP_PASSWORD = 'Clear-Text-Smtp-9';
const POP_PASSWORD = 'Clear-Text-Pop-4';

let folder: string;
let rig: MailCoreRig | null = null;
let smtp: SmtpRig | null = null;
afterEach(async () => {
  await rig?.dispose();
  await smtp?.close();
  rig = null;
  smtp = null;
  rmSync(folder, { recursive: true, force: true });
});

describe('mail passwords at rest', () => {
  it('are not in the database files in clear; without the key file a send says why it cannot log in', async () => {
    folder = mkdtempSync(join(tmpdir(), 'printdeck-mail-secrets-'));
    const file = join(folder, 'printdeck.db');
    smtp = await startSmtpServer({ host: HOST, users: { printdeck: SMTP_PASSWORD } });
    const settings = smtpSettings(HOST, smtp.port, { security: 'starttls', auth: 'plain', user: 'printdeck', password: SMTP_PASSWORD }, { host: '127.121.0.6', user: 'alice', password: POP_PASSWORD });
    rig = await openMailCore(file);
    await rig.api.mail.updateSettings(settings);
    expect(await rig.api.mail.sendTest({ to: ['a@example.test'] })).toMatchObject({ ok: true });
    await rig.dispose();
    rig = null;

    const files = readdirSync(folder);
    expect(files).toContain('printdeck.db.key');
    for (const name of files.filter((f) => f.startsWith('printdeck.db'))) {
      const bytes = readFileSync(join(folder, name));
      expect(bytes.includes(SMTP_PASSWORD), name).toBe(false);
      expect(bytes.includes(POP_PASSWORD), name).toBe(false);
    }

    rmSync(join(folder, 'printdeck.db.key'));
    rig = await openMailCore(file);
    expect((await rig.api.mail.getSettings({})).smtp.passwordSet).toBe(true);
    const result = await rig.api.mail.sendTest({ to: ['a@example.test'] });
    expect(result).toMatchObject({ ok: false, step: 'secret' });
    expect(result.ok ? '' : result.error).toBe(
      `cannot use the stored SMTP password: the key file "${file}.key" is missing, so stored passwords cannot be decrypted: put it back, or enter the passwords again`,
    );
    expect(existsSync(`${file}.key`)).toBe(false);

    // Entering the password again makes a new key and works.
    await rig.api.mail.updateSettings({ ...settings, popBeforeSmtp: { ...settings.popBeforeSmtp, password: null } });
    expect(await rig.api.mail.sendTest({ to: ['a@example.test'] })).toMatchObject({ ok: true });
    expect(existsSync(`${file}.key`)).toBe(true);
    expect(smtp.received).toHaveLength(2);
  });
});
