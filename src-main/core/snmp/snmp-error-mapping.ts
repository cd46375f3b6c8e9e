import { SnmpError, type SnmpVersion } from './snmp-client';

/**
 * net-snmp's errors (told apart by their `name`, `code` and `status` fields) to our stable
 * SnmpError codes, with messages that say what to check.
 */

/** What the message of a mapped error names. */
export interface RequestContext {
  host: string;
  port: number;
  version: SnmpVersion;
  timeoutMs: number;
  attempts: number;
}

/** RFC 3416 error-status names, by value. */
const ERROR_STATUS_NAMES = [
  'noError', 'tooBig', 'noSuchName', 'badValue', 'readOnly', 'genErr', 'noAccess', 'wrongType',
  'wrongLength', 'wrongEncoding', 'wrongValue', 'noCreation', 'inconsistentValue',
  'resourceUnavailable', 'commitFailed', 'undoFailed', 'authorizationError', 'notWritable',
  'inconsistentName',
] as const;

/** net-snmp's ResponseInvalidCode values we treat specially. */
const RESPONSE_INVALID = {
  couldNotDecrypt: 4,
  authFailure: 5,
  unexpectedReport: 11,
  notInTimeWindow: 14,
} as const;

interface LibraryErrorFields {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  status?: unknown;
}

/** The RFC name of an error-status value ("genErr" for unknown values); never throws. */
export function errorStatusName(status: number): string {
  return ERROR_STATUS_NAMES[status] ?? 'genErr';
}

/** The timeout error of a request to `ctx`, with the hint that fits its version; never throws. */
export function timeoutError(ctx: RequestContext): SnmpError {
  const hint = ctx.version === 'v3'
    ? 'check address, port, and that the device has SNMPv3 enabled'
    : 'check address, port and community';
  return new SnmpError('snmp-timeout', `no reply from ${endpoint(ctx)} (${ctx.version}, ${ctx.attempts} × ${ctx.timeoutMs} ms): ${hint}`);
}

/** Our error for a reply that arrived but could not be decoded; never throws. */
export function malformedError(ctx: RequestContext, why: string): SnmpError {
  return new SnmpError('snmp-malformed', `malformed reply from ${endpoint(ctx)}: ${why}`);
}

/**
 * The agent answered with a non-zero error-status, blaming `blamed` (its OID, and its 1-based
 * place in the request when the request holds it, else 0) or no varbind. Never throws.
 */
export function errorStatusError(ctx: RequestContext, status: number, blamed: { oid: string; index: number } | null): SnmpError {
  const name = errorStatusName(status);
  const detail = blamed !== null && blamed.index > 0 ? { errorStatus: name, errorIndex: blamed.index } : { errorStatus: name };
  return new SnmpError('snmp-error-status', `${endpoint(ctx)} answered ${name}${blamed !== null ? ` (${blamed.oid})` : ''}`, detail);
}

/**
 * Maps anything net-snmp (or the socket below it) reported to an SnmpError; `requestOids`
 * lets an error-status carry the index of the OID the agent blamed. Never throws.
 */
export function errorFromLibrary(error: unknown, ctx: RequestContext, sawMalformedReply: boolean, requestOids?: readonly string[]): SnmpError {
  if (error instanceof SnmpError) return error;
  const fields = (error ?? {}) as LibraryErrorFields;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  switch (fields.name) {
    case 'RequestTimedOutError':
      return sawMalformedReply ? malformedError(ctx, 'the device answered, but no reply could be decoded') : timeoutError(ctx);
    case 'RequestFailedError': {
      const colon = message.lastIndexOf(': ');
      const oid = colon >= 0 ? message.slice(colon + 2) : null;
      const blamed = oid === null ? null : { oid, index: requestOids ? requestOids.indexOf(oid) + 1 : 0 };
      return errorStatusError(ctx, typeof fields.status === 'number' ? fields.status : 5, blamed);
    }
    case 'ResponseInvalidError':
      return responseInvalid(fields.code, message, ctx);
    case 'RequestInvalidError':
      return new SnmpError('invalid-argument', message);
    default:
      break;
  }
  if (message === 'Socket forcibly closed') return new SnmpError('cancelled', `request to ${endpoint(ctx)} cancelled: session closed`);
  if (typeof fields.code === 'string' && fields.code.startsWith('ERR_OSSL')) {
    // e.g. a cipher this Node build lacks
    return new SnmpError('invalid-argument', `this Node.js build cannot run the configured SNMPv3 cipher (${message}); choose another privacy protocol such as aes`);
  }
  if (typeof fields.code === 'string') {
    return new SnmpError('network-error', `cannot reach ${endpoint(ctx)}: ${fields.code} (${message})`);
  }
  // Encoding a value the PDU cannot carry throws TypeError/RangeError inside net-snmp.
  if (error instanceof TypeError || error instanceof RangeError) return new SnmpError('invalid-argument', message);
  return new SnmpError('network-error', `request to ${endpoint(ctx)} failed: ${message}`);
}

function responseInvalid(code: unknown, message: string, ctx: RequestContext): SnmpError {
  switch (code) {
    case RESPONSE_INVALID.authFailure:
      return new SnmpError('snmp-auth-failed', `SNMPv3 authentication failed at ${endpoint(ctx)}: ${usmReportName(message)}; check user name, security level, protocols and keys`);
    case RESPONSE_INVALID.couldNotDecrypt:
      return new SnmpError('snmp-auth-failed', `SNMPv3 reply from ${endpoint(ctx)} could not be decrypted: check privacy protocol and key`);
    case RESPONSE_INVALID.notInTimeWindow:
      return new SnmpError('snmp-auth-failed', `SNMPv3 reply from ${endpoint(ctx)} is outside the time window (usmStatsNotInTimeWindows)`);
    case RESPONSE_INVALID.unexpectedReport:
      return new SnmpError('snmp-error-status', `${endpoint(ctx)} answered with a Report PDU: check the SNMPv3 context name`, { errorStatus: 'report' });
    default:
      return malformedError(ctx, message);
  }
}

/** The usmStats counter behind net-snmp's report texts, so messages name what the agent said. */
function usmReportName(message: string): string {
  if (message.startsWith('Unknown User Name')) return 'unknown user name (usmStatsUnknownUserNames)';
  if (message.startsWith('Wrong Digest')) return 'wrong digest: wrong authentication key or protocol (usmStatsWrongDigests)';
  if (message.startsWith('Unsupported Security Level')) return 'unsupported security level (usmStatsUnsupportedSecLevels)';
  if (message.startsWith('Decryption Error')) return 'decryption error: wrong privacy key or protocol (usmStatsDecryptionErrors)';
  if (message.startsWith('Unknown Engine ID')) return 'unknown engine ID (usmStatsUnknownEngineIDs)';
  if (message.startsWith('Not In Time Window')) return 'not in time window (usmStatsNotInTimeWindows)';
  if (message.startsWith('Authentication digest')) return 'reply digest does not match: wrong authentication key or protocol';
  return message;
}

/** "host:port" of a request ("[::1]:1161" for IPv6); never throws. */
export function endpoint(ctx: RequestContext): string {
  return ctx.host.includes(':') ? `[${ctx.host}]:${ctx.port}` : `${ctx.host}:${ctx.port}`;
}
