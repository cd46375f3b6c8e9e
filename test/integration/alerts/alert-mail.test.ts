import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContract, type AppApi } from '../../../src-shared/contract/app.contract';
import type { MonitoringConditionInput } from '../../../src-shared/contract/monitoring.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import type { PrinterCondition } from '../../../src-shared/domain/device-reading';
import { createCore, type Core } from '../../../src-main/core/create-core';
import type { Simulator } from '../../../src-main/simulator/simulator';
import { FakeClock } from '../../helpers/fake-clock';
import { answeringDemoFleet, startFleet } from '../inventory/inventory-rig';
import { bodyOf, smtpSettings } from '../mail/mail-rig';
import { startSmtpServer, type ReceivedMail, type SmtpRig } from '../mail/smtp-rig';
import { FAST_SNMP } from '../monitor/monitor-rig';

/**
 * Alert mails end to end in the core: simulated printers (127.122.8.0/24) polled by a real core
 * on a fake clock, monitoring conditions, the outbox sending through a real SMTP server (the
 * smtp-server library, STARTTLS and AUTH PLAIN) — what arrives there is what a person reads.
 */

const MINUTE = 60_000;
const HOST = '127.121.0.1'; // the test certificate's address
let dir: string;
let simulator: Simulator;
let smtp: SmtpRig;
let core: Core;
let api: AppApi;
const clock = new FakeClock();
const names: string[] = [];
const ids: number[] = [];

function setErrors(index: number, conditions: PrinterCondition[]): void {
  simulator.device(names[index] as string).setErrorState(conditions);
}

/** One poll round, then whatever mail it queued is sent. */
async function round(): Promise<void> {
  await core.monitor.runRound();
  for (let i = 0; i < 5; i++) {
    clock.advance(0);
    await core.mailOutbox.idle();
  }
}

async function later(minutes: number): Promise<void> {
  clock.advance(minutes * MINUTE);
  await round();
}

function mailsTo(address: string, from = 0): ReceivedMail[] {
  return smtp.received.slice(from).filter((m) => m.to.includes(address));
}

/** The Subject header as a person reads it (unfolded, RFC 2047 encoded words decoded). */
function subjectOf(raw: string): string {
  const headers = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const line = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  return line
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

const WATCH_ALL_DAY = { days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'printdeck-alert-mail-'));
  simulator = await startFleet('127.122.8.1', answeringDemoFleet(4, 8));
  for (const d of simulator.devices) {
    names.push(d.name);
    simulator.device(d.name).setErrorState([]);
    simulator.device(d.name).clearAlerts();
  }
  smtp = await startSmtpServer({ host: HOST, users: { alerts: 'alert-pass-1' } });
  core = await createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../../resources'), snmp: FAST_SNMP, pollIntervalMs: 3_600_000, clock, version: 'test' });
  const router = core.router;
  api = createApiClient(appContract, createInProcessTransport(router, core.events));
  core.mailOutbox.start();
  const read = await core.inventory.readTargets(simulator.devices.map((d) => ({ ...FAST_SNMP, host: d.address, port: d.port })));
  ids.push(...read.map((o) => o.saved.deviceId));
  await api.mail.updateSettings({ ...smtpSettings(HOST, smtp.port, { security: 'starttls', auth: 'plain', user: 'alerts', password: 'alert-pass-1' }), consoleUrl: 'https://printdeck.example.test/' });
  const condition: MonitoringConditionInput = {
    name: 'Paper path',
    enabled: true,
    targets: { allDevices: false, deviceIds: ids.slice(0, 3), groupIds: [] },
    watch: ['jammed', 'doorOpen'],
    hours: WATCH_ALL_DAY,
    destinations: [
      { address: 'desk@example.test', format: 'standard', maxChars: 160 },
      { address: 'phone@example.test', format: 'short', maxChars: 120 },
    ],
    holdDownMinutes: 5,
    dampingMinutes: 30,
    digest: false,
  };
  await api.monitoring.createCondition(condition);
  // Watches the fourth printer only outside the hours the test runs in (it moves the clock about 2 h): never mails.
  const hour = new Date(clock.now()).getHours();
  const from = `${String((hour + 6) % 24).padStart(2, '0')}:00`;
  const to = `${String((hour + 8) % 24).padStart(2, '0')}:00`;
  await api.monitoring.createCondition({ ...condition, name: 'Night shift', targets: { allDevices: false, deviceIds: [ids[3] as number], groupIds: [] }, hours: { ...WATCH_ALL_DAY, from, to }, holdDownMinutes: 0, destinations: [{ address: 'night@example.test', format: 'standard', maxChars: 160 }] });
  await round();
});

afterAll(async () => {
  await core?.dispose();
  await smtp?.close();
  await simulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('alert mails through a real SMTP server', () => {
  it('sends nothing while nothing changes', async () => {
    for (let i = 0; i < 3; i++) await later(10);
    expect(smtp.received).toEqual([]);
  });

  it('mails a new error only after the hold-down: one mail per destination listing every device that changed', async () => {
    setErrors(0, ['jammed']);
    setErrors(1, ['doorOpen']);
    await later(1);
    expect(smtp.received, 'within the hold-down').toEqual([]);
    await later(5);
    const desk = mailsTo('desk@example.test');
    const phone = mailsTo('phone@example.test');
    expect(desk).toHaveLength(1);
    expect(phone).toHaveLength(1);
    const standard = bodyOf(desk[0]?.raw ?? '');
    const [first, second] = await Promise.all([0, 1].map(async (i) => (await api.devices.get({ id: ids[i] as number })).name ?? ''));
    expect(standard).toContain(first);
    expect(standard).toContain(second);
    expect(standard).toMatch(/jam/i);
    expect(standard).toMatch(/door/i);
    expect(desk[0]?.authMethod).toBe('PLAIN');
    const short = bodyOf(phone[0]?.raw ?? '').trim();
    expect(short.length).toBeLessThanOrEqual(120);
    expect(short).toMatch(/jam/i);
  });

  it('says in the subject what happened and gives each device its place, model, address and a link to it in the console', async () => {
    const desk = mailsTo('desk@example.test');
    const phone = mailsTo('phone@example.test');
    expect(subjectOf(desk[0]?.raw ?? '')).toMatch(/^1 paper jam, 1 door open/);
    expect(subjectOf(phone[0]?.raw ?? '')).toBe(subjectOf(desk[0]?.raw ?? ''));
    const standard = bodyOf(desk[0]?.raw ?? '');
    for (const i of [0, 1]) {
      const device = await api.devices.get({ id: ids[i] as number });
      expect(standard).toContain(`https://printdeck.example.test/#/devices/${device.id}`);
      expect(standard).toContain(`${device.address}:${device.port}`);
      if (device.identity.model) expect(standard).toContain(device.identity.model);
      if (device.identity.location) expect(standard).toContain(device.identity.location);
    }
    expect(standard).toMatch(/Since: +\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });

  it('does not repeat the mail on later polls while the errors stay', async () => {
    const before = smtp.received.length;
    for (let i = 0; i < 3; i++) await later(10);
    expect(smtp.received.length).toBe(before);
  });

  it('mails nothing for an error that clears within the hold-down', async () => {
    const before = smtp.received.length;
    setErrors(2, ['jammed']);
    await later(1);
    setErrors(2, []);
    await later(1);
    await later(10);
    expect(smtp.received.slice(before).filter((m) => bodyOf(m.raw).includes(names[2] as string))).toEqual([]);
    expect(smtp.received.length).toBe(before);
  });

  it('sends at most one mail per damping window for a flapping device', async () => {
    // Let the door case end first, so only the flapping printer changes.
    setErrors(1, []);
    await later(10);
    const before = smtp.received.length;
    for (let i = 0; i < 6; i++) {
      setErrors(0, i % 2 === 0 ? [] : ['jammed']);
      await later(6);
    }
    // 36 minutes of flapping, a 30-minute damping window: at most two windows touched.
    const desk = mailsTo('desk@example.test', before);
    expect(desk.length).toBeGreaterThanOrEqual(1);
    expect(desk.length).toBeLessThanOrEqual(2);
  });

  it('mails nothing outside the monitored hours', async () => {
    setErrors(3, ['jammed']);
    await later(10);
    expect(mailsTo('night@example.test')).toEqual([]);
    const alerts = (await api.monitoring.listAlerts({ limit: 50, deviceId: ids[3] as number })).alerts;
    expect(alerts[0]).toMatchObject({ kind: 'raised', suppressed: 'outside-hours' });
  });
});
