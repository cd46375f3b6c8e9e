import { childNamed, escapeXml, namespaceOf, readXml, XmlReadError, type XmlElement } from './soap-xml-reader';
import { UdirectoryFault } from './udirectory-faults';

/**
 * The udirectory service's wire format as the simulator reads and writes it: SOAP 1.1,
 * RPC/encoded — the body's one element is the operation in the udirectory namespace, its
 * children are the arguments by name, arrays are `item` children (SOAP-ENC arrays; the
 * arrayType attributes are not checked), a property is `<item><propName/><propVal/></item>`.
 */

export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP_ENCODING_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
export const SOAP12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const UDIRECTORY_NS = 'http://www.ricoh.co.jp/xmlns/soap/rdh/udirectory';
export const COMMONTYPES_NS = 'http://www.ricoh.co.jp/xmlns/schema/rdh/commontypes';

export const UDIRECTORY_OPERATIONS = ['startSession', 'terminateSession', 'searchObjects', 'getObjectsProps', 'putObjects', 'putObjectProps', 'deleteObjects'] as const;
export type UdirectoryOperation = (typeof UDIRECTORY_OPERATIONS)[number];

export interface UdirectoryCall {
  operation: UdirectoryOperation;
  /** The operation element: its children are the arguments. */
  args: XmlElement;
}

/** One property: a name and its text value. */
export type Property = readonly [name: string, value: string];

/**
 * Reads a request body; throws UdirectoryFault COMMON_BAD_MESSAGE for XML that is not well
 * formed or not a SOAP 1.1 envelope of a udirectory operation (VersionMismatch for SOAP 1.2),
 * and when `soapAction` (the header, quotes allowed) names another operation than the body.
 */
export function readCall(body: string, soapAction: string | undefined): UdirectoryCall {
  let root: XmlElement;
  try {
    root = readXml(body);
  } catch (error) {
    if (error instanceof XmlReadError) throw new UdirectoryFault('COMMON_BAD_MESSAGE', `the request is not well-formed XML: ${error.message}`);
    throw error;
  }
  const rootNs = namespaceOf(root);
  if (root.local !== 'Envelope' || (rootNs !== SOAP_ENVELOPE_NS && rootNs !== SOAP12_ENVELOPE_NS)) {
    throw new UdirectoryFault('COMMON_BAD_MESSAGE', 'the request is not a SOAP envelope');
  }
  if (rootNs === SOAP12_ENVELOPE_NS) throw new UdirectoryFault('COMMON_BAD_MESSAGE', 'SOAP 1.2 is not supported: send SOAP 1.1', 'VersionMismatch');
  const soapBody = root.children.find((c) => c.local === 'Body' && namespaceOf(c) === SOAP_ENVELOPE_NS);
  if (!soapBody) throw new UdirectoryFault('COMMON_BAD_MESSAGE', 'the envelope has no Body');
  if (soapBody.children.length !== 1) throw new UdirectoryFault('COMMON_BAD_MESSAGE', `the Body must hold one operation element, it holds ${soapBody.children.length}`);
  const args = soapBody.children[0] as XmlElement;
  if (namespaceOf(args) !== UDIRECTORY_NS) throw new UdirectoryFault('COMMON_BAD_MESSAGE', `${args.local} is not in the udirectory namespace ${UDIRECTORY_NS}`);
  const operation = UDIRECTORY_OPERATIONS.find((op) => op === args.local);
  if (!operation) throw new UdirectoryFault('COMMON_NOT_SUPPORTED', `operation ${args.local} is not supported`);
  if (soapAction === undefined) throw new UdirectoryFault('COMMON_BAD_MESSAGE', 'the SOAPAction header is missing');
  const action = soapAction.trim().replace(/^"(.*)"$/, '$1');
  if (action !== '' && action !== `${UDIRECTORY_NS}#${operation}`) throw new UdirectoryFault('COMMON_BAD_MESSAGE', `SOAPAction "${action}" does not match the body's operation ${operation}`);
  return { operation, args };
}

/** The text of argument `name`; `fallback` when absent; COMMON_BAD_PARAMETER when absent without one. */
export function textArg(args: XmlElement, name: string, fallback?: string): string {
  const element = childNamed(args, name);
  if (element === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UdirectoryFault('COMMON_BAD_PARAMETER', `${args.local}: argument ${name} is missing`);
  }
  if (element.children.length > 0) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `${args.local}: argument ${name} must be text`);
  return element.text.trim();
}

/** A whole-number argument in min..max; `fallback` when absent or empty. */
export function integerArg(args: XmlElement, name: string, min: number, max: number, fallback?: number): number {
  const text = textArg(args, name, fallback === undefined ? undefined : '');
  if (text === '' && fallback !== undefined) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `${args.local}: ${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return Number(text);
}

/** The `item` children of array argument `name` ([] when absent). */
export function arrayArg(args: XmlElement, name: string): XmlElement[] {
  const element = childNamed(args, name);
  if (!element) return [];
  const stray = element.children.find((c) => c.local !== 'item');
  if (stray) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `${args.local}: ${name} holds <${stray.name}>, expected <item>`);
  return element.children;
}

/** The texts of a string array argument. */
export function stringsArg(args: XmlElement, name: string): string[] {
  return arrayArg(args, name).map((item) => {
    if (item.children.length > 0) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `${args.local}: ${name} items must be text`);
    return item.text.trim();
  });
}

/** The properties of one property list (`<item><propName/><propVal/></item>` …). */
export function propertyList(items: XmlElement[], where: string): Property[] {
  return items.map((item, i) => {
    const name = childNamed(item, 'propName');
    const value = childNamed(item, 'propVal');
    if (!name || name.children.length > 0) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `${where}: property ${i + 1} has no propName`);
    return [name.text.trim(), value?.text ?? ''];
  });
}

/** One value in a reply: text, a string array, a property row, or a list of rows. */
export type ReplyValue = string | number | { strings: readonly string[] } | { row: readonly Property[] } | { rows: ReadonlyArray<readonly Property[]> };

/** The SOAP envelope answering `operation` with `values` (in order) in its `<operation>Response`. */
export function replyEnvelope(operation: UdirectoryOperation, values: ReadonlyArray<readonly [string, ReplyValue]>): string {
  const parts = values.map(([name, value]) => `<${name}${valueXml(value)}</${name}>`);
  return envelope(`<u:${operation}Response xmlns:u="${UDIRECTORY_NS}">${parts.join('')}</u:${operation}Response>`);
}

/** A SOAP 1.1 fault with Ricoh's detail block (rdhError: errorCode, errorDescription). */
export function faultEnvelope(fault: UdirectoryFault): string {
  return envelope(
    `<s:Fault><faultcode>s:${fault.faultCode}</faultcode><faultstring>${escapeXml(fault.faultString)}</faultstring>` +
      `<detail><rdhError xmlns="${COMMONTYPES_NS}"><errorCode>${escapeXml(fault.code)}</errorCode>` +
      `<errorDescription>${escapeXml(fault.description)}</errorDescription></rdhError></detail></s:Fault>`,
  );
}

function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<s:Envelope xmlns:s="${SOAP_ENVELOPE_NS}" xmlns:soap-enc="${SOAP_ENCODING_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:t="${COMMONTYPES_NS}" s:encodingStyle="${SOAP_ENCODING_NS}"><s:Body>${body}</s:Body></s:Envelope>\n`;
}

function valueXml(value: ReplyValue): string {
  if (typeof value === 'string' || typeof value === 'number') return `>${escapeXml(String(value))}`;
  if ('strings' in value) return ` xsi:type="soap-enc:Array" soap-enc:arrayType="xsd:string[${value.strings.length}]">${value.strings.map((s) => `<item>${escapeXml(s)}</item>`).join('')}`;
  if ('row' in value) return ` xsi:type="soap-enc:Array" soap-enc:arrayType="t:property[${value.row.length}]">${rowXml(value.row)}`;
  return ` xsi:type="soap-enc:Array" soap-enc:arrayType="t:property[][${value.rows.length}]">${value.rows.map((row) => `<item xsi:type="soap-enc:Array" soap-enc:arrayType="t:property[${row.length}]">${rowXml(row)}</item>`).join('')}`;
}

function rowXml(row: readonly Property[]): string {
  return row.map(([name, value]) => `<item><propName>${escapeXml(name)}</propName><propVal>${escapeXml(value)}</propVal></item>`).join('');
}
