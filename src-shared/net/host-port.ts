/** Parsing of "host[:port]" targets as users type them. Pure. */
import { WordedError } from '../wording/worded-message';
import { ipv4ToNumber } from './ipv4-intervals';
import { parseDottedIpv4 } from './ipv4-octets';
import { ipv4Refusal, ipv6Refusal, isNumericHostName, numericHostNameRefusal } from './special-addresses';

export interface HostPort {
  host: string;
  /** null when the text did not name a port. */
  port: number | null;
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Parses "10.0.0.5", "10.0.0.5:1161", "printer.example.com:161", "[::1]:1161" or a bare IPv6
 * address: one device's address. Throws RangeError saying what is wrong with the text —
 * also for addresses that are never a device's (0.0.0.0, 255.255.255.255, multicast, ::) and
 * for IPv4 addresses in hex or shortened forms ("0x7f.1"), which are not host names.
 */
export function parseHostPort(text: string): HostPort {
  const input = text.trim();
  if (input === '') throw new WordedError({ key: 'addressEmpty', params: {} });
  let host = input;
  let portText: string | null = null;
  if (input.startsWith('[')) {
    const close = input.indexOf(']');
    if (close < 0) throw new RangeError(`"${text}": missing "]" after the IPv6 address`);
    host = input.slice(1, close);
    const rest = input.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) throw new RangeError(`"${text}": expected ":port" after "]"`);
    if (rest !== '') portText = rest.slice(1);
    if (!isIpv6(host)) throw new RangeError(`"${text}": "${host}" is not an IPv6 address`);
  } else if (input.indexOf(':') !== input.lastIndexOf(':')) {
    if (!isIpv6(input)) throw new RangeError(`"${text}" is not an IPv6 address (write [address]:port to give a port)`);
  } else {
    // (IPv6 is checked below, for both of its forms.)
    const colon = input.indexOf(':');
    if (colon >= 0) {
      host = input.slice(0, colon);
      portText = input.slice(colon + 1);
    }
    const numeric = /^[\d.]+$/.test(host);
    if (numeric && !IPV4.test(host) && host.split('.').length < 4) throw new RangeError(`"${text}": ${numericHostNameRefusal(host)}`);
    // The search's words for a mistyped address ("10.0.0.300: octet 300 is outside 0–255"), shared with it.
    if (numeric && !IPV4.test(host)) parseDottedIpv4(host, text);
    if (numeric ? !IPV4.test(host) : !HOST_NAME.test(host)) throw new WordedError({ key: 'addressNotHost', params: { token: text, host } });
    if (!numeric && isNumericHostName(host)) throw new RangeError(`"${text}": ${numericHostNameRefusal(host)}`);
  }
  const refusal = IPV4.test(host) ? ipv4Refusal(ipv4ToNumber(host) ?? 0) : isIpv6(host) ? ipv6Refusal(host) : null;
  if (refusal !== null) throw new RangeError(`"${text}": ${refusal}`);
  return { host, port: portText === null ? null : parsePort(portText, text) };
}

/** A UDP/TCP port number 1–65535; throws RangeError naming the text. */
export function parsePort(portText: string, context = portText): number {
  if (!/^\d{1,5}$/.test(portText)) throw new WordedError({ key: 'portNotNumber', params: { token: context, port: portText } });
  const port = Number(portText);
  if (port < 1 || port > 65535) throw new WordedError({ key: 'portRange', params: { token: context, port } });
  return port;
}

/** True for an IPv4 dotted quad. */
export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/** Loose IPv6 check: hex groups and colons (with optional "::" and a trailing IPv4 part). */
export function isIpv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(':')) return false;
  const doubles = text.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = text.split(':').filter((g) => g !== '');
  const last = groups[groups.length - 1] ?? '';
  const v4Tail = last.includes('.');
  if (v4Tail && !IPV4.test(last)) return false;
  const hexGroups = v4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (v4Tail ? 2 : 0);
  return doubles === 1 ? count < 8 : count === 8;
}
