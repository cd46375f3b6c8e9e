import { describe, expect, it } from 'vitest';
import type { AlertDestination } from '../../../src-shared/contract/monitoring.contract';
import { alertSubject, composeAlertMail, shortText, type MailItem } from '../../../src-main/core/alerts/alert-mail';

/** What an alert mail says: a person must be able to act on it without opening the console first. */

const AT = new Date(2026, 11, 7, 14, 5, 50).getTime();

function anItem(over: Partial<MailItem> = {}): MailItem {
  return {
    conditionName: 'Paper path',
    deviceId: 42,
    deviceName: 'Sales-MFP-01',
    address: '127.20.0.78:1161',
    model: 'Canon iR-ADV C3530',
    location: 'Floor 3',
    from: [],
    to: ['jammed'],
    since: AT - 6 * 60_000,
    at: AT,
    digest: false,
    ...over,
  };
}

const desk: AlertDestination = { address: 'desk@example.test', format: 'standard', maxChars: 160 };
const phone = (maxChars: number): AlertDestination => ({ address: 'phone@example.test', format: 'short', maxChars });
const link = (id: number) => `https://printdeck.example.com/#/devices/${id}`;

describe('the subject says what happened', () => {
  it('counts new conditions across devices and names the location they share', () => {
    const items = [anItem(), anItem({ deviceId: 43, deviceName: 'Sales-MFP-02' }), anItem({ deviceId: 44, deviceName: 'Sales-MFP-03', to: ['noToner'] })];
    expect(alertSubject(items)).toBe('2 paper jams, 1 toner out — Floor 3');
  });

  it('names the one device (and its location), devices all clear, and a digest', () => {
    expect(alertSubject([anItem()])).toBe('1 paper jam — Sales-MFP-01 (Floor 3)');
    expect(alertSubject([anItem({ from: ['jammed'], to: [] })])).toBe('1 all clear — Sales-MFP-01 (Floor 3)');
    expect(alertSubject([anItem({ location: '' }), anItem({ deviceId: 2, location: 'Floor 4', to: ['doorOpen'] })])).toBe('1 paper jam, 1 door open');
    expect(alertSubject([anItem({ digest: true })])).toMatch(/^Digest: 1 paper jam/);
  });
});

describe('the standard mail', () => {
  it('gives each device its location, model, address, condition, since when and a link to it in the console', () => {
    const mail = composeAlertMail(desk, [anItem()], 'monitoring', link);
    expect(mail.subject).toBe('1 paper jam — Sales-MFP-01 (Floor 3)');
    for (const part of ['Sales-MFP-01: Paper jam', 'Floor 3', 'Canon iR-ADV C3530', '127.20.0.78:1161', 'Paper path', '2026-12-07 13:59', 'https://printdeck.example.com/#/devices/42']) {
      expect(mail.text, part).toContain(part);
    }
    expect(mail.html).toContain('<a href="https://printdeck.example.com/#/devices/42">Sales-MFP-01</a>');
    expect(mail.html).toContain('<td>Floor 3</td>');
  });

  it('has no link without a console address, and escapes what devices report', () => {
    const mail = composeAlertMail(desk, [anItem({ deviceName: '<b>x</b>' })], 'monitoring');
    expect(mail.text).not.toContain('http');
    expect(mail.html).not.toContain('<a ');
    expect(mail.html).not.toContain('<b>');
  });
});

describe('the short (mobile) mail', () => {
  const many = Array.from({ length: 8 }, (_, i) => anItem({ deviceId: i, deviceName: `PRN-${i + 1}`, location: '' }));

  it('says what happened in its subject, not just "Printdeck"', () => {
    const mail = composeAlertMail(phone(160), many, 'monitoring');
    expect(mail.subject).toBe('8 paper jams');
    expect(mail.html).toBeUndefined();
  });

  it('lists whole devices and ends "+N more" instead of dropping the rest silently', () => {
    const text = shortText(many, 60);
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text).toMatch(/^PRN-1: Paper jam( \| PRN-\d: Paper jam)* \+\d more$/);
    const shown = text.split(' | ').length;
    expect(text.endsWith(`+${8 - shown} more`)).toBe(true);
  });

  it('drops the location of the first device before cutting what is wrong with it', () => {
    const two = [anItem({ deviceName: 'RNP00267341BC9-0001', location: 'Reception' }), anItem({ deviceId: 2, deviceName: 'PRN-2', location: 'Floor 4' })];
    expect(shortText(two, 40)).toBe('RNP00267341BC9-0001: Paper jam +1 more');
  });

  it('fits everything when there is room, and cuts even the first device rather than lose the count', () => {
    expect(shortText(many.slice(0, 2), 160)).toBe('PRN-1: Paper jam | PRN-2: Paper jam');
    const long = [anItem({ deviceName: 'A'.repeat(80) }), anItem({ deviceName: 'B' })];
    const text = shortText(long, 40);
    expect(text.length).toBeLessThanOrEqual(40);
    expect(text).toMatch(/^A+… \+1 more$/);
  });
});
