import type { SettingWrite } from '../../../src-shared/profiles/device-profile.schema';
import type { SettingItem, SettingValue } from '../../../src-shared/settings/settings-catalogue';
import { asBytes, asNumber, type SnmpValue } from '../../../src-shared/snmp/snmp-value';
import { snmpText } from '../../../src-shared/snmp/snmp-text';

/**
 * Catalogue values ↔ SNMP values for one item on one model: text as OctetString (UTF-8), switches
 * and choices through the profile's integer map, IPv4 addresses as IpAddress or four octets.
 */

const UTF8 = new TextEncoder();

/** The SNMP value to write, or a reason it cannot be written (too long for this model, no mapping). */
export function encodeSetting(item: SettingItem, write: SettingWrite, value: SettingValue): { ok: true; value: SnmpValue } | { ok: false; reason: string } {
  switch (write.encoding) {
    case 'text': {
      if (typeof value !== 'string') return { ok: false, reason: 'expects text' };
      const bytes = UTF8.encode(value);
      if (write.maxLength !== undefined && bytes.length > write.maxLength) return { ok: false, reason: `this model takes at most ${write.maxLength} bytes (${bytes.length} given)` };
      return { ok: true, value: { type: 'OctetString', value: bytes } };
    }
    case 'integer': {
      const key = typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
      const mapped = write.values?.[key];
      if (mapped !== undefined) return { ok: true, value: { type: 'Integer', value: mapped } };
      if (write.values === undefined && typeof value === 'number') return { ok: true, value: { type: 'Integer', value } };
      return { ok: false, reason: `this model has no value for "${key}" (it takes ${Object.keys(write.values ?? {}).join(', ') || 'numbers'})` };
    }
    case 'ipAddress':
    case 'ipv4Octets': {
      if (typeof value !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return { ok: false, reason: `expects an IPv4 address (${item.id})` };
      if (write.encoding === 'ipAddress') return { ok: true, value: { type: 'IpAddress', value } };
      return { ok: true, value: { type: 'OctetString', value: Uint8Array.from(value.split('.').map(Number)) } };
    }
  }
}

/** The catalogue value a device holds, or null when the SNMP value does not fit the item (absent, wrong type). */
export function decodeSetting(item: SettingItem, write: SettingWrite, value: SnmpValue | undefined): SettingValue | null {
  if (!value || value.value === null) return null;
  switch (write.encoding) {
    case 'text':
      return value.type === 'OctetString' ? (snmpText(value) ?? '') : null;
    case 'integer': {
      const n = asNumber(value);
      if (n === null) return null;
      if (write.values === undefined) return n;
      const key = Object.entries(write.values).find(([, v]) => v === n)?.[0];
      if (key === undefined) return null;
      if (item.type.kind === 'switch') return key === 'on';
      return key;
    }
    case 'ipAddress':
    case 'ipv4Octets': {
      if (value.type === 'IpAddress') return value.value;
      const bytes = asBytes(value);
      return bytes && bytes.length === 4 ? [...bytes].join('.') : null;
    }
  }
}

/** Whether a device's value is what was asked for (text compared as it is read: white space collapsed, as snmpText does). */
export function sameSetting(a: SettingValue | null, b: SettingValue): boolean {
  if (a === null) return false;
  if (typeof a === 'string' && typeof b === 'string') return collapse(a) === collapse(b);
  return a === b;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
