/**
 * The SLPv2 message header (RFC 2608 §8):
 *   version(1)=2 · function-id(1) · length(3) · flags(2: O F R, rest zero) ·
 *   next-extension-offset(3) · XID(2) · language-tag length(2) · language tag.
 * Pure: no node:* imports.
 */
import { SlpDecodeError, SlpWireReader } from './slp-wire-reader';
import type { SlpWireWriter } from './slp-wire-writer';

export const SLP_VERSION = 2;
export const SLP_PORT = 427;
export const SLP_MULTICAST_ADDRESS = '239.255.255.253';

/** RFC 2608 §8 function ids (as const, not enum). */
export const SlpFunction = {
  serviceRequest: 1,
  serviceReply: 2,
  serviceRegistration: 3,
  serviceDeregistration: 4,
  serviceAcknowledge: 5,
  attributeRequest: 6,
  attributeReply: 7,
  directoryAgentAdvert: 8,
  serviceTypeRequest: 9,
  serviceTypeReply: 10,
  serviceAgentAdvert: 11,
} as const;
export type SlpFunctionId = (typeof SlpFunction)[keyof typeof SlpFunction];

const FLAG_OVERFLOW = 0x8000;
const FLAG_FRESH = 0x4000;
const FLAG_REQUEST_MULTICAST = 0x2000;
/** Fixed part of the header, before the language tag. */
export const SLP_FIXED_HEADER_LENGTH = 14;

export interface SlpHeaderFlags {
  /** O: the reply did not fit in the datagram; ask again over TCP for the rest. */
  overflow: boolean;
  /** F: a fresh registration (SrvReg only). */
  fresh: boolean;
  /** R: the request was sent by multicast (or broadcast), so agents answer only if they match. */
  requestMulticast: boolean;
}

export interface SlpHeader {
  functionId: SlpFunctionId;
  /** The length field: the whole message, header included. */
  length: number;
  flags: SlpHeaderFlags;
  /** 0 when the message has no extensions. */
  nextExtensionOffset: number;
  xid: number;
  languageTag: string;
}

/** A decoded header and where the function-specific body lies within the datagram. */
export interface SlpHeaderWindow {
  header: SlpHeader;
  /** Reader over the body: from after the language tag to the first extension (or the message end). */
  body: SlpWireReader;
}

/** What the encoder needs to write a header; the length is filled in at the end. */
export interface SlpHeaderFields {
  functionId: SlpFunctionId;
  xid: number;
  /** RFC 1766 tag; Printdeck asks in "en". */
  languageTag?: string;
  flags?: Partial<SlpHeaderFlags>;
}

const KNOWN_FUNCTIONS: ReadonlySet<number> = new Set(Object.values(SlpFunction));

function isFunctionId(value: number): value is SlpFunctionId {
  return KNOWN_FUNCTIONS.has(value);
}

/**
 * Decodes the header of a datagram. Throws SlpDecodeError for a short header, a version other
 * than 2, an unknown function id, a length field larger than the datagram or smaller than the
 * header, or an extension offset outside the message. Bytes past the length field are ignored.
 */
export function decodeSlpHeader(datagram: Uint8Array): SlpHeaderWindow {
  if (datagram.length < SLP_FIXED_HEADER_LENGTH) {
    throw new SlpDecodeError(`short header: ${datagram.length} bytes, an SLPv2 header needs at least ${SLP_FIXED_HEADER_LENGTH}`, 0);
  }
  const fixed = new SlpWireReader(datagram, 0, SLP_FIXED_HEADER_LENGTH);
  const version = fixed.u8('version');
  if (version !== SLP_VERSION) throw new SlpDecodeError(`unsupported SLP version ${version} (only SLPv2 is understood)`, 0);
  const functionId = fixed.u8('function id');
  if (!isFunctionId(functionId)) throw new SlpDecodeError(`unknown function id ${functionId}`, 1);
  const length = fixed.u16('length') * 256 + fixed.u8('length');
  if (length > datagram.length) {
    throw new SlpDecodeError(`length field says ${length} bytes but the datagram has ${datagram.length}`, 2);
  }
  if (length < SLP_FIXED_HEADER_LENGTH) {
    throw new SlpDecodeError(`length field ${length} is shorter than the header`, 2);
  }
  const flagBits = fixed.u16('flags');
  const nextExtensionOffset = fixed.u16('next extension offset') * 256 + fixed.u8('next extension offset');
  const xid = fixed.u16('XID');

  const rest = new SlpWireReader(datagram, fixed.offset, length);
  const languageTag = rest.string16('language tag');
  if (nextExtensionOffset !== 0 && (nextExtensionOffset < rest.offset || nextExtensionOffset >= length)) {
    throw new SlpDecodeError(`next extension offset ${nextExtensionOffset} lies outside the message body (${rest.offset}..${length - 1})`, 7);
  }
  const bodyEnd = nextExtensionOffset === 0 ? length : nextExtensionOffset;
  return {
    header: {
      functionId,
      length,
      flags: {
        overflow: (flagBits & FLAG_OVERFLOW) !== 0,
        fresh: (flagBits & FLAG_FRESH) !== 0,
        requestMulticast: (flagBits & FLAG_REQUEST_MULTICAST) !== 0,
      },
      nextExtensionOffset,
      xid,
      languageTag,
    },
    body: new SlpWireReader(datagram, rest.offset, bodyEnd),
  };
}

/**
 * Writes a header with a zero length; returns the offset of the length field for
 * `writer.patchU24` once the body is written. Throws RangeError for an XID outside 0..65535
 * or a language tag longer than 65535 bytes.
 */
export function writeSlpHeader(writer: SlpWireWriter, fields: SlpHeaderFields): number {
  const flags = fields.flags ?? {};
  const flagBits = (flags.overflow ? FLAG_OVERFLOW : 0) | (flags.fresh ? FLAG_FRESH : 0) | (flags.requestMulticast ? FLAG_REQUEST_MULTICAST : 0);
  writer.u8(SLP_VERSION, 'version').u8(fields.functionId, 'function id');
  const lengthOffset = writer.size;
  writer
    .u24(0, 'length')
    .u16(flagBits, 'flags')
    .u24(0, 'next extension offset')
    .u16(fields.xid, 'XID')
    .string16(fields.languageTag ?? 'en', 'language tag');
  return lengthOffset;
}

/** Fills in the length field of a finished message; throws RangeError above 16,777,215 bytes. */
export function finishSlpMessage(writer: SlpWireWriter, lengthOffset: number): Uint8Array {
  writer.patchU24(lengthOffset, writer.size, 'message length');
  return writer.finish();
}
