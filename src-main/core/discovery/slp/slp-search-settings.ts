import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { isBroadcastAddress } from '../netbios/broadcast-address';
import { DEFAULT_SCOPE, encodeServiceRequest, PRINTER_SERVICE_TYPE } from './slp-codec';
import { SLP_MULTICAST_ADDRESS, SLP_PORT } from './slp-header';
import { SlpClientError, type SlpSearchOptions } from './slp-search-types';

/** How the requests travel: decides the header's multicast flag, socket options and who may answer. */
export type SlpDestinationKind = 'multicast' | 'broadcast' | 'unicast';

export interface SlpSearchSettings {
  group: string;
  port: number;
  ttl: number;
  destination: SlpDestinationKind;
  scopes: string[];
  serviceTypes: string[];
  predicate: string;
  waitMs: number;
  fetchAttributes: boolean;
  language: string;
}

/** RFC 2608 §6.1: a multicast or broadcast request must fit one datagram; 1400 bytes is its CONFIG_MTU. */
export const SLP_MAX_DATAGRAM = 1400;
const MAX_WAIT_MS = 60_000;
// Each type costs waitMs of listening; the cap keeps a search bounded in time.
const MAX_SERVICE_TYPES = 16;
// RFC 1766 primary tag and subtags (digits allowed in subtags, as RFC 5646 does).
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

function invalid(field: keyof SlpSearchOptions, message: string): SlpClientError {
  return new SlpClientError('invalid-argument', `SLP search: ${message}`, field);
}

/** Applies defaults and checks every option; throws SlpClientError('invalid-argument') naming the field. */
export function checkSearchOptions(options: SlpSearchOptions): SlpSearchSettings {
  const group = options.group ?? SLP_MULTICAST_ADDRESS;
  const port = options.port ?? SLP_PORT;
  const ttl = options.ttl ?? 1;
  const waitMs = options.waitMs ?? 2000;
  const language = options.language ?? 'en';
  const predicate = options.predicate ?? '';
  if (isIP(group) !== 4 || group === '0.0.0.0') throw invalid('group', `group "${group}" is not an IPv4 unicast, broadcast or multicast address`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid('port', `port ${port} is outside 1–65535`);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 255) throw invalid('ttl', `ttl ${ttl} is outside 1–255 (the multicast hop count)`);
  if (!Number.isFinite(waitMs) || waitMs < 1 || waitMs > MAX_WAIT_MS) throw invalid('waitMs', `waitMs ${waitMs} is outside 1–${MAX_WAIT_MS}`);
  if (!LANGUAGE_TAG.test(language)) throw invalid('language', `language "${language}" is not an RFC 1766 language tag such as "en" or "en-US"`);
  if (typeof predicate !== 'string') throw invalid('predicate', 'predicate must be a string (an LDAPv3 filter, or "" for every service)');
  const scopes = checkList('scopes', options.scopes ?? [DEFAULT_SCOPE], 'scope');
  const serviceTypes = checkList('serviceTypes', options.serviceTypes ?? [PRINTER_SERVICE_TYPE], 'service type');
  if (serviceTypes.length > MAX_SERVICE_TYPES) throw invalid('serviceTypes', `serviceTypes holds ${serviceTypes.length} types, at most ${MAX_SERVICE_TYPES} are searched in one run`);

  const settings: SlpSearchSettings = {
    group,
    port,
    ttl,
    destination: destinationKind(group),
    scopes,
    serviceTypes,
    predicate,
    waitMs,
    fetchAttributes: options.fetchAttributes ?? true,
    language,
  };
  for (const serviceType of serviceTypes) checkRequestSize(settings, serviceType);
  return settings;
}

function checkList(field: 'scopes' | 'serviceTypes', items: unknown, what: string): string[] {
  if (!Array.isArray(items) || items.length === 0) throw invalid(field, `${field} must be a non-empty list`);
  return items.map((item: unknown, index) => {
    const where = `${field}[${index}]`;
    if (typeof item !== 'string' || item.trim() === '') throw invalid(field, `${where} is not a non-empty ${what}`);
    // The wire format joins lists with commas (RFC 2608 §6.4.1), so a comma would split the item.
    if (item.includes(',')) throw invalid(field, `${where} "${item}" contains a comma, which separates list items on the wire`);
    return item.trim();
  });
}

function checkRequestSize(settings: SlpSearchSettings, serviceType: string): void {
  let size: number;
  try {
    size = encodeServiceRequest({ xid: 0, languageTag: settings.language, serviceType, scopes: settings.scopes, predicate: settings.predicate }).length;
  } catch (error) {
    throw invalid('serviceTypes', `the request for ${serviceType} cannot be encoded: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (size > SLP_MAX_DATAGRAM) {
    throw invalid('scopes', `the Service Request for ${serviceType} would be ${size} bytes, more than the ${SLP_MAX_DATAGRAM} one datagram may hold; shorten predicate or scopes`);
  }
}

function destinationKind(group: string): SlpDestinationKind {
  const first = Number(group.split('.')[0]);
  if (first >= 224 && first <= 239) return 'multicast';
  return isBroadcastAddress(group, networkInterfaces()) ? 'broadcast' : 'unicast';
}
