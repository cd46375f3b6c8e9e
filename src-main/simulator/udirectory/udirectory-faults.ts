/**
 * The faults the simulated udirectory service answers, as data. Ricoh does not publish its
 * error codes: COMMON_BAD_PARAMETER, COMMON_SOAP_SERVER and UDIRECTORY_DIRECTORY_INCONSISTENT
 * appear in public client code; the others are our names in the same style (see README.md).
 */
export const UDIRECTORY_FAULTS = {
  /** Not well-formed XML, not a SOAP 1.1 envelope, SOAPAction missing or not the body's operation. */
  COMMON_BAD_MESSAGE: { faultCode: 'Client', faultString: 'bad message' },
  /** An argument missing or out of range; a property the device does not know or a value it refuses. */
  COMMON_BAD_PARAMETER: { faultCode: 'Client', faultString: 'bad parameter' },
  /** An operation this service does not have. */
  COMMON_NOT_SUPPORTED: { faultCode: 'Client', faultString: 'not supported' },
  /** startSession: wrong user name or password, or an authentication scheme other than BASIC. */
  COMMON_AUTHENTICATION_FAILED: { faultCode: 'Client', faultString: 'authentication failed' },
  /** startSession: another session holds a lock that excludes this one. */
  COMMON_BUSY: { faultCode: 'Server', faultString: 'busy' },
  /** A session id that was never given, is terminated, or expired (timeLimit passed without a call). */
  COMMON_INVALID_SESSION: { faultCode: 'Client', faultString: 'invalid session' },
  /** The device failed (injected by a test). */
  COMMON_SOAP_SERVER: { faultCode: 'Server', faultString: 'server error' },
  /** A write in a session started with lockMode S. */
  UDIRECTORY_LOCK_REQUIRED: { faultCode: 'Client', faultString: 'exclusive lock required' },
  /** A write while the device's address book reception restriction is on. */
  UDIRECTORY_RECEPTION_RESTRICTED: { faultCode: 'Server', faultString: 'address book reception restricted' },
  /** putObjects: the book would hold more entries than the device's limit; nothing of the call was added. */
  UDIRECTORY_DIRECTORY_FULL: { faultCode: 'Server', faultString: 'address book full' },
  /** A registration number (index) another entry has, or the same number twice in one call. */
  UDIRECTORY_DIRECTORY_INCONSISTENT: { faultCode: 'Client', faultString: 'directory inconsistent' },
  /** An objectId ("entry:<id>") the book does not hold. */
  UDIRECTORY_OBJECT_NOT_FOUND: { faultCode: 'Client', faultString: 'object not found' },
} as const satisfies Record<string, { faultCode: 'Client' | 'Server' | 'VersionMismatch'; faultString: string }>;

export type UdirectoryFaultCode = keyof typeof UDIRECTORY_FAULTS;

/** A refusal the service answers with a SOAP fault (HTTP 500). */
export class UdirectoryFault extends Error {
  readonly faultCode: 'Client' | 'Server' | 'VersionMismatch';
  readonly faultString: string;

  constructor(
    readonly code: UdirectoryFaultCode,
    readonly description: string,
    faultCode?: 'VersionMismatch',
  ) {
    super(`${code}: ${description}`);
    this.name = 'UdirectoryFault';
    this.faultCode = faultCode ?? UDIRECTORY_FAULTS[code].faultCode;
    this.faultString = UDIRECTORY_FAULTS[code].faultString;
  }
}
