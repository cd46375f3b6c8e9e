import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AdapterError } from './address-book-adapter';
import type { HttpReply } from './soap-http-client';

/**
 * The udirectory wire as the console writes and reads it (ADDRESS-BOOKS.md, "Ricoh"): SOAP 1.1
 * RPC/encoded requests built as text, replies read with fast-xml-parser (namespace prefixes
 * dropped, every `item` a list). A SOAP fault becomes UdirectoryFaultError with Ricoh's
 * rdhError code; anything that is not a udirectory reply becomes AdapterError.
 */

export const UDIRECTORY_NS = 'http://www.ricoh.co.jp/xmlns/soap/rdh/udirectory';
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP_ENC = 'http://schemas.xmlsoap.org/soap/encoding/';
const COMMONTYPES = 'http://www.ricoh.co.jp/xmlns/schema/rdh/commontypes';

export type Property = readonly [name: string, value: string];

/** An argument: text, a string array, a property list, a list of property lists, or an orderBy list. */
export type Argument = string | number | { strings: readonly string[] } | { props: readonly Property[] } | { propLists: ReadonlyArray<readonly Property[]> } | { orderBy: ReadonlyArray<{ propName: string; descending: boolean }> };

/** A SOAP fault the device answered. */
export class UdirectoryFaultError extends Error {
  constructor(
    /** rdhError errorCode, or the faultstring when there is none. */
    readonly code: string,
    readonly faultString: string,
    readonly description: string,
  ) {
    super(`${code}${description ? `: ${description}` : ''}`);
    this.name = 'UdirectoryFaultError';
  }
}

/** The request envelope of `operation` with its arguments in order. */
export function requestEnvelope(operation: string, args: ReadonlyArray<readonly [string, Argument]>): string {
  const parts = args.map(([name, value]) => argumentXml(name, value)).join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<s:Envelope xmlns:s="${SOAP_ENV}" s:encodingStyle="${SOAP_ENC}" xmlns:soap-enc="${SOAP_ENC}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:t="${COMMONTYPES}">` +
    `<s:Body><m:${operation} xmlns:m="${UDIRECTORY_NS}">${parts}</m:${operation}></s:Body></s:Envelope>\n`
  );
}

function argumentXml(name: string, value: Argument): string {
  if (typeof value === 'string' || typeof value === 'number') return `<${name}>${escapeXml(String(value))}</${name}>`;
  const array = (type: string, count: number, inner: string): string => `<${name} xsi:type="soap-enc:Array" soap-enc:arrayType="${type}[${count}]">${inner}</${name}>`;
  if ('strings' in value) return array('xsd:string', value.strings.length, value.strings.map((s) => `<item>${escapeXml(s)}</item>`).join(''));
  if ('props' in value) return array('t:property', value.props.length, propsXml(value.props));
  if ('propLists' in value) {
    const lists = value.propLists.map((list) => `<item xsi:type="soap-enc:Array" soap-enc:arrayType="t:property[${list.length}]">${propsXml(list)}</item>`);
    return array('t:property[]', value.propLists.length, lists.join(''));
  }
  const terms = value.orderBy.map((o) => `<item><propName>${escapeXml(o.propName)}</propName><isDescending>${o.descending}</isDescending></item>`);
  return array('t:queryOrderBy', value.orderBy.length, terms.join(''));
}

function propsXml(props: readonly Property[]): string {
  return props.map(([n, v]) => `<item><propName>${escapeXml(n)}</propName><propVal>${escapeXml(v)}</propVal></item>`).join('');
}

/** Escapes text for XML; characters XML 1.0 cannot carry (controls) are dropped. */
export function escapeXml(text: string): string {
  return [...text]
    .filter((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
    })
    .join('')
    .replace(/[<>&"']/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;'));
}

// Entities are left to text(), which decodes the XML ones and character references in one
// pass (the parser's own decoding skips character references, which devices use for non-ASCII).
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  isArray: (name) => name === 'item',
});

const XML_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (match, ref: string) => {
    if (!ref.startsWith('#')) return XML_ENTITIES[ref] ?? match;
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/**
 * The `<operation>Response` element of a reply. Throws UdirectoryFaultError for a SOAP fault,
 * AdapterError not-supported for a reply that is no udirectory service (404, HTML …) and
 * failed for one that cannot be read.
 */
export function readReply(operation: string, reply: HttpReply, where: string): Record<string, unknown> {
  if (reply.status === 404 || reply.status === 405 || reply.status === 501) {
    throw new AdapterError('not-supported', `The device at ${where} has no udirectory service (HTTP ${reply.status} for /DH/udirectory): it is not a Ricoh, or its web service is off.`);
  }
  if (reply.status === 401 || reply.status === 403) throw new AdapterError('wrong-credentials', `The device at ${where} refused the request (HTTP ${reply.status}).`);
  const envelope = parseEnvelope(reply.body);
  if (envelope === null) {
    if (reply.status >= 400) throw new AdapterError('failed', `The device at ${where} answered HTTP ${reply.status} without a SOAP message.`);
    throw new AdapterError('not-supported', `The device at ${where} did not answer with a SOAP message (HTTP ${reply.status}, ${reply.contentType || 'no content type'}): it is probably not a Ricoh.`);
  }
  const body = record(record(envelope.Envelope)?.Body);
  const fault = record(body?.Fault);
  if (fault) {
    const detail = record(record(fault.detail)?.rdhError);
    const faultString = text(fault.faultstring);
    throw new UdirectoryFaultError(text(detail?.errorCode) || faultString || 'unknown fault', faultString, text(detail?.errorDescription));
  }
  const response = body?.[`${operation}Response`];
  if (response === undefined) throw new AdapterError('failed', `The device at ${where} answered ${operation} with something else than ${operation}Response.`);
  return record(response) ?? {};
}

function parseEnvelope(body: string): Record<string, unknown> | null {
  // A reply has no business with a DOCTYPE: refusing it keeps entity expansion out of reach.
  if (!body.includes('Envelope') || /<!DOCTYPE/i.test(body)) return null;
  if (XMLValidator.validate(body) !== true) return null;
  const parsed: unknown = parser.parse(body);
  const root = record(parsed);
  return root && record(root.Envelope) ? root : null;
}

/** `value` as an object of fields, or null. */
export function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The text of an element, entities decoded ('' for an empty or absent one). */
export function text(value: unknown): string {
  if (typeof value === 'string') return decodeEntities(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = record(value)?.['#text'];
  return typeof inner === 'string' ? decodeEntities(inner) : '';
}

/** The `item` children of an array element. */
export function items(value: unknown): unknown[] {
  const list = record(value)?.item;
  return Array.isArray(list) ? list : [];
}

/** A property row (`<item><propName/><propVal/></item>` …) as a map. */
export function propertyRow(row: unknown): Map<string, string> {
  return new Map(items(row).map((p) => [text(record(p)?.propName), text(record(p)?.propVal)] as const));
}
