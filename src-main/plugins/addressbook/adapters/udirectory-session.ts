import { Buffer } from 'node:buffer';
import { AdapterError, type DeviceEndpoint, type DeviceLogin } from './address-book-adapter';
import { describeEndpoint, postSoap } from './soap-http-client';
import { items, propertyRow, readReply, requestEnvelope, text, UdirectoryFaultError, UDIRECTORY_NS, type Argument, type Property } from './udirectory-messages';

/**
 * A udirectory session on one device: startSession, the calls made in it, terminateSession.
 * `withSession` always terminates a session it started — after success, a fault, a lost
 * connection or a cancel — with its own short deadline, since the caller's signal may be the
 * reason it ends.
 */

export interface UdirectoryOptions {
  /** Deadline of one request (default 15 s). */
  requestTimeoutMs: number;
  /** Largest reply read (default 8 MiB). */
  maxReplyBytes: number;
  /** The session's timeLimit in seconds: how long the device keeps it between two calls (default 30). */
  timeLimitSeconds: number;
}

export const DEFAULT_UDIRECTORY_OPTIONS: UdirectoryOptions = { requestTimeoutMs: 15_000, maxReplyBytes: 8 * 1024 * 1024, timeLimitSeconds: 30 };
/** Objects per call and rows per page, as Ricoh devices take them. */
export const OBJECTS_PER_CALL = 50;
const TERMINATE_TIMEOUT_MS = 5_000;
export const UDIRECTORY_PATH = '/DH/udirectory';

/** What a fault means to the console (Ricoh publishes no list: codes are matched by their words). */
export type FaultMeaning = 'wrong-credentials' | 'busy' | 'reception-restricted' | 'session-lost' | 'full' | 'device-error' | 'entry';

const FAULT_MEANINGS: ReadonlyArray<readonly [RegExp, FaultMeaning]> = [
  [/RECEPTION|RESTRICT/i, 'reception-restricted'],
  [/AUTH|PASSWORD|LOGIN|NOT_?AUTHORI[SZ]ED|PERMISSION|ACCESS_DENIED/i, 'wrong-credentials'],
  [/BUSY|IN_USE|LOCKED/i, 'busy'],
  [/SESSION/i, 'session-lost'],
  [/FULL|LIMIT|NO_SPACE|OVERFLOW|MAX_/i, 'full'],
  [/SOAP_SERVER|INTERNAL|SYSTEM|LOCK_REQUIRED|NOT_SUPPORTED|BAD_MESSAGE/i, 'device-error'],
];

export function faultMeaning(fault: UdirectoryFaultError): FaultMeaning {
  const words = `${fault.code} ${fault.faultString}`;
  return FAULT_MEANINGS.find(([pattern]) => pattern.test(words))?.[1] ?? 'entry';
}

/** Starts a session, runs `work` in it and terminates it whatever happened; rejects with AdapterError. */
export async function withSession<T>(
  endpoint: DeviceEndpoint,
  login: DeviceLogin,
  lockMode: 'S' | 'X',
  signal: AbortSignal,
  options: UdirectoryOptions,
  work: (session: UdirectorySession) => Promise<T>,
): Promise<T> {
  const session = await UdirectorySession.start(endpoint, login, lockMode, signal, options);
  try {
    return await work(session);
  } finally {
    await session.terminate();
  }
}

export class UdirectorySession {
  readonly where: string;

  private constructor(
    private readonly endpoint: DeviceEndpoint,
    private readonly id: string,
    private readonly signal: AbortSignal,
    private readonly options: UdirectoryOptions,
    private readonly user: string,
  ) {
    this.where = describeEndpoint(endpoint);
  }

  static async start(endpoint: DeviceEndpoint, login: DeviceLogin, lockMode: 'S' | 'X', signal: AbortSignal, options: UdirectoryOptions): Promise<UdirectorySession> {
    const b64 = (value: string): string => Buffer.from(value, 'utf8').toString('base64');
    const stringIn = `SCHEME=${b64('BASIC')};UID:UserName=${b64(login.user)};PWD:Password=${b64(login.password)};PES:Encoding=`;
    const where = describeEndpoint(endpoint);
    let reply: Record<string, unknown>;
    try {
      reply = await call(endpoint, 'startSession', [['stringIn', stringIn], ['timeLimit', options.timeLimitSeconds], ['lockMode', lockMode]], signal, options);
    } catch (error) {
      if (error instanceof UdirectoryFaultError) throw sessionError(error, where, login.user);
      throw error;
    }
    const id = text(reply.stringOut);
    if (text(reply.returnValue) !== 'OK' || id === '') throw new AdapterError('failed', `The device at ${where} did not open a session (returnValue "${text(reply.returnValue)}").`);
    return new UdirectorySession(endpoint, id, signal, options, login.user);
  }

  /** One page of object ids from `offset`; `end` once the device says EOD. */
  async searchIds(offset: number): Promise<{ ids: string[]; total: number; end: boolean }> {
    const reply = await this.call('searchObjects', [
      ['sessionId', this.id],
      ['selectProps', { strings: ['id'] }],
      ['fromClass', 'entry'],
      ['orderBy', { orderBy: [{ propName: 'id', descending: false }] }],
      ['rowOffset', offset],
      ['rowCount', OBJECTS_PER_CALL],
    ]);
    const ids = items(reply.rowList).map((row) => propertyRow(row).get('id') ?? '').filter((id) => id !== '');
    const total = Number(text(reply.numOfResults));
    return { ids, total: Number.isFinite(total) ? total : 0, end: text(reply.returnValue) === 'EOD' };
  }

  /** The properties `props` of the entries `ids` (at most 50), in that order. */
  async getProps(ids: readonly string[], props: readonly string[]): Promise<Array<Map<string, string>>> {
    const reply = await this.call('getObjectsProps', [
      ['sessionId', this.id],
      ['objectIdList', { strings: ids.map((id) => `entry:${id}`) }],
      ['selectProps', { strings: props }],
    ]);
    return items(reply.returnValue).map(propertyRow);
  }

  /** Adds entries (at most 50); the new ids. Throws UdirectoryFaultError for a refusal of the call. */
  async add(lists: ReadonlyArray<readonly Property[]>): Promise<string[]> {
    const reply = await this.call('putObjects', [
      ['sessionId', this.id],
      ['objectClass', 'entry'],
      ['propListList', { propLists: lists }],
    ]);
    return items(reply.returnValue).map(text);
  }

  async update(id: string, props: readonly Property[]): Promise<void> {
    await this.call('putObjectProps', [
      ['sessionId', this.id],
      ['objectId', `entry:${id}`],
      ['propList', { props }],
    ]);
  }

  async delete(ids: readonly string[]): Promise<void> {
    await this.call('deleteObjects', [
      ['sessionId', this.id],
      ['objectIdList', { strings: ids.map((id) => `entry:${id}`) }],
    ]);
  }

  /**
   * Whether the device takes writes now, asked without changing anything: a deleteObjects of
   * no objects. 'restricted' when the reception restriction refuses it; another refusal (a
   * device that will not take an empty list) says nothing either way: 'unknown'. Login, busy
   * and lost-session faults reject with AdapterError as every call does.
   */
  async writeProbe(): Promise<'accepted' | 'restricted' | 'unknown'> {
    try {
      await call(this.endpoint, 'deleteObjects', [['sessionId', this.id], ['objectIdList', { strings: [] }]], this.signal, this.options);
      return 'accepted';
    } catch (error) {
      if (!(error instanceof UdirectoryFaultError)) throw error;
      const meaning = faultMeaning(error);
      if (meaning === 'reception-restricted') return 'restricted';
      if (meaning === 'wrong-credentials' || meaning === 'busy' || meaning === 'session-lost') throw sessionError(error, this.where, this.user, 'deleteObjects');
      return 'unknown';
    }
  }

  /** Ends the session; never throws (a device that forgot it, or is gone, ends it by timeLimit). */
  async terminate(): Promise<void> {
    await call(this.endpoint, 'terminateSession', [['sessionId', this.id]], AbortSignal.timeout(TERMINATE_TIMEOUT_MS), { ...this.options, requestTimeoutMs: TERMINATE_TIMEOUT_MS }).catch(() => undefined);
  }

  /**
   * A call in the session. Faults that end the whole job (login, busy, reception restriction,
   * a lost session, a device error) become AdapterError; others stay UdirectoryFaultError for
   * the caller to charge to an entry.
   */
  private async call(operation: string, args: ReadonlyArray<readonly [string, Argument]>): Promise<Record<string, unknown>> {
    try {
      return await call(this.endpoint, operation, args, this.signal, this.options);
    } catch (error) {
      if (error instanceof UdirectoryFaultError) {
        const meaning = faultMeaning(error);
        if (meaning !== 'entry' && meaning !== 'full') throw sessionError(error, this.where, this.user, operation);
      }
      throw error;
    }
  }
}

async function call(endpoint: DeviceEndpoint, operation: string, args: ReadonlyArray<readonly [string, Argument]>, signal: AbortSignal, options: UdirectoryOptions): Promise<Record<string, unknown>> {
  const reply = await postSoap(endpoint, {
    path: UDIRECTORY_PATH,
    soapAction: `${UDIRECTORY_NS}#${operation}`,
    body: requestEnvelope(operation, args),
    timeoutMs: options.requestTimeoutMs,
    maxReplyBytes: options.maxReplyBytes,
    signal,
  });
  return readReply(operation, reply, describeEndpoint(endpoint));
}

/** A fault that ends the job, as the operator reads it. */
function sessionError(fault: UdirectoryFaultError, where: string, user: string, operation = 'startSession'): AdapterError {
  const said = fault.description ? ` (the device said: ${fault.description})` : '';
  switch (faultMeaning(fault)) {
    case 'wrong-credentials':
      return new AdapterError('wrong-credentials', `The device at ${where} refused the login of "${user}": wrong user name or password${said}.`, { cause: fault });
    case 'busy':
      return new AdapterError('busy', `The device at ${where} is busy: someone else (its panel, Web Image Monitor or another console) is using the address book. Try again in a minute${said}.`, { cause: fault });
    case 'reception-restricted':
      return new AdapterError('reception-restricted', `The device at ${where} refuses address book changes: its address book reception restriction is on. Switch it off on the device and try again.`, { cause: fault });
    case 'session-lost':
      return new AdapterError('failed', `The device at ${where} ended the session during ${operation} (it may have restarted, or waited too long)${said}. Nothing more was changed; try again.`, { cause: fault });
    case 'device-error':
    case 'full':
    case 'entry':
      return new AdapterError('failed', `The device at ${where} failed during ${operation}: ${fault.code}${said}.`, { cause: fault });
  }
}
