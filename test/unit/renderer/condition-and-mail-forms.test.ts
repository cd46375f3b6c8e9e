import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formProblemText, serverProblems, type FormProblems } from '../../../src-renderer/features/forms/form-problems';
import { buildMailUpdate, mailFormOf, type MailForm } from '../../../src-renderer/features/mail/mail-settings-form';
import { buildConditionInput, conditionFieldOfPath, conditionFormOf, initialConditionForm, newDestination, type ConditionForm } from '../../../src-renderer/features/monitoring/condition-form';
import { hoursText } from '../../../src-renderer/features/monitoring/monitoring-texts';
import { en } from '../../../src-renderer/i18n/en';
import type { MailSettings } from '../../../src-shared/contract/mail.contract';
import { AppError } from '../../../src-shared/rpc/app-error';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false }, initAsync: false });
});

function texts<F extends string>(problems: FormProblems<F>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, formProblemText(i18n.t, problem as Parameters<typeof formProblemText>[1])]));
}

const jamWatch = (change: Partial<ConditionForm> = {}): ConditionForm => ({ ...initialConditionForm(), name: 'Jams on floor 3', groupIds: [2], watch: ['jammed'], ...change });

describe('the monitoring condition form', () => {
  it('builds the create request: targets, watched conditions, hours, destinations, hold-down', () => {
    const result = buildConditionInput(
      jamWatch({
        deviceIds: [5],
        watch: ['jammed', 'notReachable'],
        days: [5, 1],
        from: '8:00',
        to: '18:30',
        destinations: [newDestination({ address: ' ops@example.com ' }), newDestination({ address: 'pager@example.com', format: 'short', maxChars: 90 })],
        holdDownMinutes: 0,
        dampingMinutes: 30,
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Jams on floor 3',
        enabled: true,
        targets: { allDevices: false, deviceIds: [5], groupIds: [2] },
        watch: ['jammed', 'notReachable'],
        hours: { days: [1, 5], from: '08:00', to: '18:30' },
        destinations: [
          { address: 'ops@example.com', format: 'standard', maxChars: 160 },
          { address: 'pager@example.com', format: 'short', maxChars: 90 },
        ],
        holdDownMinutes: 0,
        dampingMinutes: 30,
        digest: false,
      },
    });
  });

  it('every device drops the picked ones', () => {
    const result = buildConditionInput(jamWatch({ allDevices: true, deviceIds: [9] }));
    expect(result.ok && result.value.targets).toEqual({ allDevices: true, deviceIds: [], groupIds: [] });
  });

  it('names each problem under its field', () => {
    const result = buildConditionInput(
      jamWatch({ name: '', groupIds: [], watch: [], days: [], from: '24:00', destinations: [newDestination(), newDestination({ address: 'nobody' }), newDestination({ address: 'a@b.co', format: 'short', maxChars: 10 })], holdDownMinutes: '', dampingMinutes: 2000 }),
    );
    if (result.ok) throw new Error('accepted');
    expect(texts(result.problems)).toEqual({
      name: 'Required.',
      targets: 'Pick at least one device or group.',
      watch: 'Pick at least one condition.',
      'hours.days': 'Pick at least one day.',
      'hours.from': 'Enter a time as HH:MM.',
      'destinations.0.address': 'Required.',
      'destinations.1.address': 'Not a mail address: nobody',
      'destinations.2.maxChars': 'At least 40.',
      holdDownMinutes: 'Required.',
      dampingMinutes: 'At most 1440.',
    });
  });

  it('round-trips a saved condition', () => {
    const saved = { id: 3, createdAt: 1, updatedAt: 2, name: 'X', enabled: false, targets: { allDevices: false, deviceIds: [1], groupIds: [] }, watch: ['noToner' as const], hours: { days: [1, 2], from: '22:00', to: '06:00' }, destinations: [{ address: 'x@y.zz', format: 'short' as const, maxChars: 60 }], holdDownMinutes: 5, dampingMinutes: 0, digest: true };
    const result = buildConditionInput(conditionFormOf(saved));
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = saved;
    expect(result).toEqual({ ok: true, value: input });
  });

  it('places a refused save under its field, the rest under general', () => {
    const refused = new AppError('invalid-argument', 'monitoring.createCondition: destinations.0.address: bad', { issues: ['destinations.0.address: bad', 'name: taken'] });
    expect(serverProblems(refused, conditionFieldOfPath, 'general')).toEqual({ 'destinations.0.address': { key: 'text', text: 'bad' }, name: { key: 'text', text: 'taken' } });
    expect(serverProblems(new AppError('conflict', 'A condition named "X" exists'), conditionFieldOfPath, 'general')).toEqual({ general: { key: 'text', text: 'A condition named "X" exists' } });
  });

  it('says monitored hours in words', () => {
    expect(hoursText(i18n.t, { days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' }, 'en')).toBe('Always');
    expect(hoursText(i18n.t, { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }, 'en')).toBe('Mon, Tue, Wed, Thu, and Fri, 08:00–18:00');
    expect(hoursText(i18n.t, { days: [0, 1, 2, 3, 4, 5, 6], from: '22:00', to: '06:00' }, 'en')).toBe('Every day, 22:00–06:00');
    expect(hoursText(i18n.t, { days: [6], from: '07:00', to: '07:00' }, 'en')).toBe('Sat, all day');
  });
});

const stored: MailSettings = {
  smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', verifyCertificate: true, auth: 'plain', user: 'printdeck', from: 'printdeck@example.com', connectionTimeoutMs: 10_000, greetingTimeoutMs: 10_000, socketTimeoutMs: 30_000, passwordSet: true },
  popBeforeSmtp: { enabled: false, host: '', port: 110, tls: false, verifyCertificate: true, user: '', apop: false, waitAfterMs: 0, passwordSet: false },
  consoleUrl: '',
  updatedAt: 1,
};

const mailForm = (smtp: Partial<MailForm['smtp']> = {}, pop: Partial<MailForm['pop']> = {}): MailForm => {
  const form = mailFormOf(stored);
  return { smtp: { ...form.smtp, ...smtp }, pop: { ...form.pop, ...pop }, consoleUrl: form.consoleUrl };
};

describe('the mail settings form', () => {
  it('keeps a stored password unless one is typed or it is forgotten; timeouts go out in milliseconds', () => {
    const keep = buildMailUpdate(mailForm());
    expect(keep.ok && 'password' in keep.value.smtp).toBe(false);
    expect(keep.ok && keep.value.smtp).toMatchObject({ host: 'smtp.example.com', port: 587, auth: 'plain', user: 'printdeck', connectionTimeoutMs: 10_000, socketTimeoutMs: 30_000 });
    const replace = buildMailUpdate(mailForm({ password: 's3cret', connectionTimeoutSeconds: 5 }));
    expect(replace.ok && replace.value.smtp).toMatchObject({ password: 's3cret', connectionTimeoutMs: 5_000 });
    const forget = buildMailUpdate(mailForm({ forgetPassword: true }));
    expect(forget.ok && forget.value.smtp.password).toBe(null);
  });

  it('refuses what the server would: a login without user, POP without host, a bad sender, timeouts out of range', () => {
    const result = buildMailUpdate(mailForm({ user: ' ', from: 'printdeck', socketTimeoutSeconds: 0, greetingTimeoutSeconds: 301 }, { enabled: true }));
    if (result.ok) throw new Error('accepted');
    expect(texts(result.problems)).toEqual({
      'smtp.from': 'Not a mail address: printdeck',
      'smtp.user': 'Required.',
      'popBeforeSmtp.host': 'Required.',
      'popBeforeSmtp.user': 'Required.',
      'smtp.greetingTimeoutMs': 'At most 300.',
      'smtp.socketTimeoutMs': 'At least 1.',
    });
  });

  it('takes the console address for links in mails, without a trailing slash, and names a bad one under its field', () => {
    const good = buildMailUpdate({ ...mailForm(), consoleUrl: ' https://printdeck.example.com/ ' });
    expect(good.ok && good.value.consoleUrl).toBe('https://printdeck.example.com');
    const none = buildMailUpdate(mailForm());
    expect(none.ok && none.value.consoleUrl).toBe('');
    for (const bad of ['printdeck.example.com', 'ftp://printdeck.example.com', 'https://printdeck.example.com/?x=1']) {
      const result = buildMailUpdate({ ...mailForm(), consoleUrl: bad });
      if (result.ok) throw new Error(`accepted ${bad}`);
      expect(texts(result.problems), bad).toEqual({ consoleUrl: `Not an http:// or https:// address without ? or #: ${bad}` });
    }
  });

  it('an empty server is allowed (mail not set up)', () => {
    const result = buildMailUpdate(mailForm({ host: '', auth: 'none', user: '', from: '' }));
    expect(result.ok && result.value.smtp.host).toBe('');
  });
});
