/**
 * The part of net-snmp 3.29 that Printdeck uses (the package ships no types). Only
 * net-snmp-client.ts imports the module; benchmarks and tests may use it as a baseline.
 */
declare module 'net-snmp' {
  /** A varbind as net-snmp reads it: `type` is the BER tag (ObjectType), `value` depends on it. */
  export interface RawVarbind {
    oid: string;
    type: number;
    value: unknown;
  }

  /** What a dgram-compatible module must offer to be passed as `dgramModule`. */
  export interface DgramSocketLike {
    on(event: 'message', listener: (message: Buffer) => void): unknown;
    on(event: 'close', listener: () => void): unknown;
    on(event: 'error', listener: (error: Error) => void): unknown;
    ref(): unknown;
    unref(): unknown;
    bind(port?: number, address?: string): unknown;
    send(
      buffer: Buffer,
      offset: number,
      length: number,
      port: number,
      address: string,
      callback: (error: Error | null, bytes?: number) => void,
    ): void;
    close(): unknown;
  }

  export interface DgramModuleLike {
    createSocket(type: 'udp4' | 'udp6'): DgramSocketLike;
  }

  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    version?: number;
    idBitsSize?: 16 | 32;
    context?: string;
    backwardsGetNexts?: boolean;
    reportOidMismatchErrors?: boolean;
    dgramModule?: DgramModuleLike;
    /** The manager's own engine ID (used only for traps it sends); random per Session if absent. */
    engineID?: Buffer | string;
  }

  export interface UserOptions {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  }

  export type ResponseCallback<T> = (error: Error | null, varbinds?: T) => void;

  export interface Session {
    get(oids: readonly string[], callback: ResponseCallback<RawVarbind[]>): Session;
    getNext(oids: readonly string[], callback: ResponseCallback<RawVarbind[]>): Session;
    getBulk(
      oids: readonly string[],
      nonRepeaters: number,
      maxRepetitions: number,
      callback: ResponseCallback<Array<RawVarbind | RawVarbind[]>>,
    ): Session;
    set(varbinds: readonly RawVarbind[], callback: ResponseCallback<RawVarbind[]>): Session;
    close(): Session;
    on(event: 'error', listener: (error: Error) => void): Session;
    on(event: 'close', listener: () => void): Session;
  }

  /** The Session constructor (tests patch its prototype to simulate a library that never calls back). */
  export const Session: { prototype: Session };

  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function createV3Session(target: string, user: UserOptions, options?: SessionOptions): Session;

  export const Version1: number;
  export const Version2c: number;
  export const Version3: number;
  export const SecurityLevel: Readonly<Record<'noAuthNoPriv' | 'authNoPriv' | 'authPriv', number>>;
  export const AuthProtocols: Readonly<Record<'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512', number>>;
  export const PrivProtocols: Readonly<Record<'des' | 'aes' | 'aes256b' | 'aes256r', number>>;
  /** Key localisation (RFC 3414 A.2), used by our DES privacy (des-privacy.ts). */
  export const Authentication: { passwordToKey(authProtocol: number, password: string, engineId: Buffer): Buffer };
  /** The privacy table net-snmp looks its functions up in at call time. */
  export const Encryption: {
    algorithms: Record<number, { encryptPdu: unknown; decryptPdu: unknown }>;
  };
  /** BER tags by name (net-snmp also maps each number back to its name). */
  export const ObjectType: Readonly<{
    Boolean: 1;
    Integer: 2;
    Integer32: 2;
    BitString: 3;
    OctetString: 4;
    Null: 5;
    OID: 6;
    IpAddress: 64;
    Counter: 65;
    Counter32: 65;
    Gauge: 66;
    Gauge32: 66;
    Unsigned32: 66;
    TimeTicks: 67;
    Opaque: 68;
    Counter64: 70;
    NoSuchObject: 128;
    NoSuchInstance: 129;
    EndOfMibView: 130;
    [name: string]: number;
  }>;
}
