/**
 * SLPv2 (RFC 2608) messages for printer discovery: SrvRqst/SrvRply and AttrRqst/AttrRply.
 *
 * Written here rather than taken from npm: no SLPv2 library for Node is in good shape
 * (maintained, typed, bounds-checked), and the subset discovery needs is small. Pure functions on Uint8Array with no node:* imports; it lives in
 * core/discovery because only the core speaks SLP, but could move to src-shared unchanged.
 *
 * Decoders throw only SlpDecodeError (what was wrong, at which offset); encoders throw only
 * RangeError (a field that does not fit its length prefix).
 */
import { formatAttributeList, parseAttributeList, type SlpAttributeList } from './slp-attribute-list';
import { decodeSlpHeader, finishSlpMessage, SlpFunction, writeSlpHeader, type SlpHeader, type SlpHeaderFlags } from './slp-header';
import { decodeUtf8, SlpDecodeError, type SlpWireReader } from './slp-wire-reader';
import { SlpWireWriter } from './slp-wire-writer';

export const PRINTER_SERVICE_TYPE = 'service:printer';
export const DEFAULT_SCOPE = 'DEFAULT';

/** Fields every request carries in its header. */
export interface SlpRequestHeaderFields {
  xid: number;
  /** Defaults to "en". */
  languageTag?: string;
  /** Sets the REQUEST MCAST flag: agents stay silent unless they match (RFC 2608 §6.1). */
  multicast?: boolean;
}

export interface SlpServiceRequest extends SlpRequestHeaderFields {
  /** Addresses that already answered this XID, so they do not answer again (RFC 2608 §6.3). */
  previousResponders?: readonly string[];
  /** Defaults to "service:printer". */
  serviceType?: string;
  /** Defaults to ["DEFAULT"]. */
  scopes?: readonly string[];
  /** LDAPv3 search filter; empty matches every service of the type. */
  predicate?: string;
  /** SLP SPI for authenticated replies; empty for none. */
  spi?: string;
}

export interface SlpAttributeRequest extends SlpRequestHeaderFields {
  previousResponders?: readonly string[];
  /** A service URL, or a service type for the attributes of all its services. */
  url: string;
  scopes?: readonly string[];
  /** Only these attributes; empty for all of them. */
  tags?: readonly string[];
  spi?: string;
}

/** An authentication block (RFC 2608 §9.2), kept as received; Printdeck does not verify them. */
export interface SlpAuthBlock {
  descriptor: number;
  timestamp: number;
  spi: string;
  signature: Uint8Array;
}

export interface SlpUrlEntry {
  /** Seconds the URL stays valid. */
  lifetime: number;
  url: string;
  authBlocks: readonly SlpAuthBlock[];
}

/** RFC 2608 §7 error codes; 0 is success. */
export const SlpErrorCode = {
  ok: 0,
  languageNotSupported: 1,
  parseError: 2,
  invalidRegistration: 3,
  scopeNotSupported: 4,
  authenticationUnknown: 5,
  authenticationAbsent: 6,
  authenticationFailed: 7,
  versionNotSupported: 9,
  internalError: 10,
  daBusyNow: 11,
  optionNotUnderstood: 12,
  invalidUpdate: 13,
  messageNotSupported: 14,
  refreshRejected: 15,
} as const;

export interface SlpServiceReply {
  functionId: typeof SlpFunction.serviceReply;
  header: SlpHeader;
  errorCode: number;
  urls: readonly SlpUrlEntry[];
}

export interface SlpAttributeReply {
  functionId: typeof SlpFunction.attributeReply;
  header: SlpHeader;
  errorCode: number;
  attributes: SlpAttributeList;
  /** The attribute list as sent, escapes included. */
  attributeText: string;
  authBlocks: readonly SlpAuthBlock[];
}

export interface DecodedServiceRequest {
  functionId: typeof SlpFunction.serviceRequest;
  header: SlpHeader;
  previousResponders: readonly string[];
  serviceType: string;
  scopes: readonly string[];
  predicate: string;
  spi: string;
}

export interface DecodedAttributeRequest {
  functionId: typeof SlpFunction.attributeRequest;
  header: SlpHeader;
  previousResponders: readonly string[];
  url: string;
  scopes: readonly string[];
  tags: readonly string[];
  spi: string;
}

export type SlpMessage = DecodedServiceRequest | SlpServiceReply | DecodedAttributeRequest | SlpAttributeReply;

/** Encodes a SrvRqst (function 1). Throws RangeError when the XID or a field does not fit. */
export function encodeServiceRequest(request: SlpServiceRequest): Uint8Array {
  const writer = new SlpWireWriter();
  const lengthOffset = writeRequestHeader(writer, SlpFunction.serviceRequest, request);
  writer
    .string16(joinList(request.previousResponders ?? []), "previous responders' list")
    .string16(request.serviceType ?? PRINTER_SERVICE_TYPE, 'service type')
    .string16(joinList(request.scopes ?? [DEFAULT_SCOPE]), 'scope list')
    .string16(request.predicate ?? '', 'predicate')
    .string16(request.spi ?? '', 'SLP SPI');
  return finishSlpMessage(writer, lengthOffset);
}

/** Encodes an AttrRqst (function 6). Throws RangeError when the XID or a field does not fit. */
export function encodeAttributeRequest(request: SlpAttributeRequest): Uint8Array {
  const writer = new SlpWireWriter();
  const lengthOffset = writeRequestHeader(writer, SlpFunction.attributeRequest, request);
  writer
    .string16(joinList(request.previousResponders ?? []), "previous responders' list")
    .string16(request.url, 'URL')
    .string16(joinList(request.scopes ?? [DEFAULT_SCOPE]), 'scope list')
    .string16(joinList(request.tags ?? []), 'tag list')
    .string16(request.spi ?? '', 'SLP SPI');
  return finishSlpMessage(writer, lengthOffset);
}

/** What a responder (the simulator, tests) puts in a SrvRply. */
export interface SlpServiceReplyFields {
  xid: number;
  languageTag?: string;
  flags?: Partial<SlpHeaderFlags>;
  errorCode?: number;
  urls: readonly { lifetime: number; url: string }[];
}

/** Encodes a SrvRply (function 2) without auth blocks. Throws RangeError when a field does not fit. */
export function encodeServiceReply(reply: SlpServiceReplyFields): Uint8Array {
  const writer = new SlpWireWriter();
  const lengthOffset = writeSlpHeader(writer, { functionId: SlpFunction.serviceReply, ...replyHeader(reply) });
  writer.u16(reply.errorCode ?? SlpErrorCode.ok, 'error code').u16(reply.urls.length, 'URL entry count');
  for (const entry of reply.urls) {
    writer.u8(0, 'reserved').u16(entry.lifetime, 'lifetime').string16(entry.url, 'URL').u8(0, 'URL auth count');
  }
  return finishSlpMessage(writer, lengthOffset);
}

/** What a responder puts in an AttrRply. */
export interface SlpAttributeReplyFields {
  xid: number;
  languageTag?: string;
  flags?: Partial<SlpHeaderFlags>;
  errorCode?: number;
  attributes: SlpAttributeList;
}

/** Encodes an AttrRply (function 7) with RFC 2608 escapes, no auth blocks. Throws RangeError when a field does not fit. */
export function encodeAttributeReply(reply: SlpAttributeReplyFields): Uint8Array {
  const writer = new SlpWireWriter();
  const lengthOffset = writeSlpHeader(writer, { functionId: SlpFunction.attributeReply, ...replyHeader(reply) });
  writer
    .u16(reply.errorCode ?? SlpErrorCode.ok, 'error code')
    .string16(formatAttributeList(reply.attributes), 'attribute list')
    .u8(0, 'attribute auth count');
  return finishSlpMessage(writer, lengthOffset);
}

/**
 * Decodes any of the four messages Printdeck exchanges. Throws SlpDecodeError for a malformed
 * or truncated datagram, and for a well-formed message of another function (DAAdvert, SrvReg…).
 */
export function decodeSlpMessage(datagram: Uint8Array): SlpMessage {
  const { header, body } = decodeSlpHeader(datagram);
  switch (header.functionId) {
    case SlpFunction.serviceRequest:
      return {
        functionId: header.functionId,
        header,
        previousResponders: splitList(body.string16("previous responders' list")),
        serviceType: body.string16('service type'),
        scopes: splitList(body.string16('scope list')),
        predicate: body.string16('predicate'),
        spi: body.string16('SLP SPI'),
      };
    case SlpFunction.attributeRequest:
      return {
        functionId: header.functionId,
        header,
        previousResponders: splitList(body.string16("previous responders' list")),
        url: body.string16('URL'),
        scopes: splitList(body.string16('scope list')),
        tags: splitList(body.string16('tag list')),
        spi: body.string16('SLP SPI'),
      };
    case SlpFunction.serviceReply:
      return decodeServiceReplyBody(header, body);
    case SlpFunction.attributeReply:
      return decodeAttributeReplyBody(header, body);
    default:
      throw new SlpDecodeError(`function id ${header.functionId} is not one Printdeck handles`, 1);
  }
}

/** Decodes a SrvRply. Throws SlpDecodeError when malformed, truncated or not a SrvRply. */
export function decodeServiceReply(datagram: Uint8Array): SlpServiceReply {
  const { header, body } = decodeSlpHeader(datagram);
  if (header.functionId !== SlpFunction.serviceReply) {
    throw new SlpDecodeError(`expected a Service Reply (2), got function ${header.functionId}`, 1);
  }
  return decodeServiceReplyBody(header, body);
}

/** Decodes an AttrRply. Throws SlpDecodeError when malformed, truncated or not an AttrRply. */
export function decodeAttributeReply(datagram: Uint8Array): SlpAttributeReply {
  const { header, body } = decodeSlpHeader(datagram);
  if (header.functionId !== SlpFunction.attributeReply) {
    throw new SlpDecodeError(`expected an Attribute Reply (7), got function ${header.functionId}`, 1);
  }
  return decodeAttributeReplyBody(header, body);
}

function decodeServiceReplyBody(header: SlpHeader, body: SlpWireReader): SlpServiceReply {
  const errorCode = body.u16('error code');
  // RFC 2608 §7: a reply carrying an error may stop right after the error code.
  if (errorCode !== SlpErrorCode.ok && body.remaining === 0) {
    return { functionId: SlpFunction.serviceReply, header, errorCode, urls: [] };
  }
  const count = body.u16('URL entry count');
  const urls: SlpUrlEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    const what = `URL entry ${index + 1} of ${count}`;
    body.u8(`${what}: reserved byte`);
    const lifetime = body.u16(`${what}: lifetime`);
    const url = body.string16(`${what}: URL`);
    const authBlocks = readAuthBlocks(body, `${what}: URL auth`);
    urls.push({ lifetime, url, authBlocks });
  }
  return { functionId: SlpFunction.serviceReply, header, errorCode, urls };
}

function decodeAttributeReplyBody(header: SlpHeader, body: SlpWireReader): SlpAttributeReply {
  const errorCode = body.u16('error code');
  if (errorCode !== SlpErrorCode.ok && body.remaining === 0) {
    return { functionId: SlpFunction.attributeReply, header, errorCode, attributes: new Map(), attributeText: '', authBlocks: [] };
  }
  const lengthOffset = body.offset;
  const listLength = body.u16('length of attribute list');
  if (listLength > body.remaining) {
    throw new SlpDecodeError(`attribute list length ${listLength} runs past the end of the message (${body.remaining} bytes left)`, lengthOffset);
  }
  const listStart = body.offset;
  const listBytes = body.take(listLength, 'attribute list');
  // Parsed on bytes so that errors carry byte offsets into the datagram.
  const attributes = parseAttributeList(listBytes, listStart);
  const attributeText = decodeUtf8(listBytes, 'attribute list', listStart);
  const authBlocks = readAuthBlocks(body, 'attribute auth');
  return { functionId: SlpFunction.attributeReply, header, errorCode, attributes, attributeText, authBlocks };
}

// RFC 2608 §9.2: descriptor(2) · length(2, whole block) · timestamp(4) · SPI length(2) · SPI · signature.
const AUTH_BLOCK_FIXED_LENGTH = 10;

function readAuthBlocks(body: SlpWireReader, what: string): SlpAuthBlock[] {
  const count = body.u8(`${what} count`);
  const blocks: SlpAuthBlock[] = [];
  for (let index = 0; index < count; index += 1) {
    const blockStart = body.offset;
    const descriptor = body.u16(`${what} block descriptor`);
    const blockLength = body.u16(`${what} block length`);
    if (blockLength < AUTH_BLOCK_FIXED_LENGTH) {
      throw new SlpDecodeError(`${what} block length ${blockLength} is shorter than its fixed part (${AUTH_BLOCK_FIXED_LENGTH})`, blockStart + 2);
    }
    if (blockLength - 4 > body.remaining) {
      throw new SlpDecodeError(`${what} block length ${blockLength} runs past the end of the message`, blockStart + 2);
    }
    const timestamp = body.u32(`${what} timestamp`);
    const spi = body.string16(`${what} SPI`);
    const signatureLength = blockLength - (body.offset - blockStart);
    if (signatureLength < 0) {
      throw new SlpDecodeError(`${what} SPI runs past the end of its block`, blockStart + 8);
    }
    blocks.push({ descriptor, timestamp, spi, signature: body.take(signatureLength, `${what} signature`).slice() });
  }
  return blocks;
}

function writeRequestHeader(writer: SlpWireWriter, functionId: typeof SlpFunction.serviceRequest | typeof SlpFunction.attributeRequest, request: SlpRequestHeaderFields): number {
  return writeSlpHeader(writer, {
    functionId,
    xid: request.xid,
    languageTag: request.languageTag ?? 'en',
    flags: { requestMulticast: request.multicast ?? false },
  });
}

function replyHeader(reply: { xid: number; languageTag?: string; flags?: Partial<SlpHeaderFlags> }): { xid: number; languageTag: string; flags: Partial<SlpHeaderFlags> } {
  return { xid: reply.xid, languageTag: reply.languageTag ?? 'en', flags: reply.flags ?? {} };
}

// Lists (scopes, previous responders, tags) are comma-separated; RFC 2608 §6.4.1 folds surrounding white space.
function joinList(items: readonly string[]): string {
  return items.join(',');
}

function splitList(text: string): string[] {
  return text === '' ? [] : text.split(',').map((item) => item.trim());
}
