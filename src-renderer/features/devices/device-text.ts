import type { TFunction } from 'i18next';
import type { DeviceListRow } from '../../../src-shared/domain/device-list-row';
import { isUnreachable } from '../../../src-shared/filters/device-filter';

/**
 * The kinds of failed read the core records as a device's lastError code: the SNMP layer's
 * codes (SNMP_ERROR_CODES in src-main/core/snmp, which the renderer may not import; a unit
 * test keeps the two equal) and the reader's own ('name-not-resolved', 'internal').
 */
export const READ_ERROR_KINDS = [
  'snmp-timeout',
  'snmp-auth-failed',
  'snmp-error-status',
  'snmp-malformed',
  'network-error',
  'invalid-argument',
  'cancelled',
  'name-not-resolved',
  'internal',
] as const;
export type ReadErrorKind = (typeof READ_ERROR_KINDS)[number];

function isReadErrorKind(code: string): code is ReadErrorKind {
  return (READ_ERROR_KINDS as readonly string[]).includes(code);
}

/** Why a row is greyed out: never read yet, or its last read failed; null for a row read fine. */
export type GreyReason = { kind: 'never-read' } | { kind: 'not-answering'; code: string; message: string };

/** The reason a row is greyed out, or null when it was read fine. Never throws. */
export function greyReason(device: Pick<DeviceListRow, 'lastSeen' | 'lastError'>): GreyReason | null {
  if (!isUnreachable(device)) return null;
  if (device.lastError) return { kind: 'not-answering', code: device.lastError.code, message: device.lastError.message };
  return { kind: 'never-read' };
}

/**
 * A failed read in the UI language, from its code ("タイムアウト" for snmp-timeout); the
 * device's or library's own text ("no reply from 127.0.0.1:1161 (v2c, …)") is English and
 * belongs beside it as detail. A code we have no words for gives that text, so nothing is lost.
 */
export function readErrorWords(t: TFunction, error: { code: string; message: string }): string {
  return isReadErrorKind(error.code) ? t(`list.readErrors.${error.code}`) : error.message;
}
