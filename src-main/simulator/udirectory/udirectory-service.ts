import { Buffer } from 'node:buffer';
import type { XmlElement } from './soap-xml-reader';
import { childNamed } from './soap-xml-reader';
import { AddressBookStore } from './address-book-store';
import type { SimAddressBookOptions, SimUdirectoryFaults, SimUdirectoryStats } from './address-book-options';
import { UdirectoryFault } from './udirectory-faults';
import { ENTRY_PROPERTIES } from './udirectory-properties';
import { SessionTable, type LockMode } from './udirectory-sessions';
import { arrayArg, faultEnvelope, integerArg, propertyList, readCall, replyEnvelope, stringsArg, textArg, type Property, type ReplyValue, type UdirectoryOperation } from './udirectory-wire';

/** Rows per searchObjects page and objects per call, as Ricoh devices answer. */
export const MAX_OBJECTS_PER_CALL = 50;
export const MAX_TIME_LIMIT_SECONDS = 3600;

export interface ServiceReply {
  status: 200 | 500;
  body: string;
  operation: UdirectoryOperation | null;
}

type Values = Array<readonly [string, ReplyValue]>;

/**
 * The udirectory operations of one simulated device over its book and sessions: a request
 * body in, a SOAP reply or fault out; never throws for anything a client sends.
 */
export class UdirectoryService {
  readonly book: AddressBookStore;
  readonly sessions: SessionTable;
  receptionRestricted: boolean;
  private adminUser: string;
  private adminPassword: string;
  faults: SimUdirectoryFaults = {};
  private writes = 0;
  private requests = 0;
  private faultCount = 0;

  constructor(options: Required<SimAddressBookOptions>, now: () => number) {
    this.book = new AddressBookStore(options.entryLimit, options.entries);
    this.sessions = new SessionTable(now);
    this.receptionRestricted = options.receptionRestricted;
    this.adminUser = options.adminUser;
    this.adminPassword = options.adminPassword;
  }

  setAdmin(user: string, password: string): void {
    this.adminUser = user;
    this.adminPassword = password;
  }

  setFaults(faults: SimUdirectoryFaults): void {
    this.faults = { ...faults };
    this.writes = 0;
  }

  stats(): SimUdirectoryStats {
    return { requests: this.requests, faults: this.faultCount, sessionsStarted: this.sessions.started, sessionsTerminated: this.sessions.terminated, sessionsExpired: this.sessions.expired };
  }

  /** Answers one request body (with its SOAPAction header): a reply, or a fault with status 500. */
  handle(body: string, soapAction: string | undefined): ServiceReply {
    this.requests++;
    let operation: UdirectoryOperation | null = null;
    try {
      const call = readCall(body, soapAction);
      operation = call.operation;
      return { status: 200, body: replyEnvelope(call.operation, this.dispatch(call.operation, call.args)), operation };
    } catch (error) {
      this.faultCount++;
      const fault = error instanceof UdirectoryFault ? error : new UdirectoryFault('COMMON_SOAP_SERVER', `internal error: ${error instanceof Error ? error.message : String(error)}`);
      return { status: 500, body: faultEnvelope(fault), operation };
    }
  }

  private dispatch(operation: UdirectoryOperation, args: XmlElement): Values {
    switch (operation) {
      case 'startSession':
        return this.startSession(args);
      case 'terminateSession':
        this.sessions.terminate(textArg(args, 'sessionId'));
        return [['returnValue', 'OK']];
      case 'searchObjects':
        return this.searchObjects(args);
      case 'getObjectsProps':
        return this.getObjectsProps(args);
      case 'putObjects':
        return this.write(args, () => {
          const objectClass = textArg(args, 'objectClass', 'entry');
          if (objectClass !== 'entry') throw new UdirectoryFault('COMMON_BAD_PARAMETER', `putObjects: objectClass "${objectClass}" is not supported (only entry)`);
          const lists = arrayArg(args, 'propListList');
          if (lists.length === 0) throw new UdirectoryFault('COMMON_BAD_PARAMETER', 'putObjects: propListList is empty');
          limitCount(lists.length, 'propListList');
          const ids = this.book.add(lists.map((list, i) => propertyList(list.children, `propListList item ${i + 1}`)));
          return [['returnValue', { strings: ids.map(String) }]];
        });
      case 'putObjectProps':
        return this.write(args, () => {
          this.book.update(objectId(textArg(args, 'objectId')), propertyList(arrayArg(args, 'propList'), 'propList'));
          return [['returnValue', 'OK']];
        });
      case 'deleteObjects':
        return this.write(args, () => {
          const ids = stringsArg(args, 'objectIdList').map(objectId);
          limitCount(ids.length, 'objectIdList');
          this.book.delete(ids);
          return [['returnValue', 'OK']];
        }, stringsArg(args, 'objectIdList').length === 0);
    }
  }

  private startSession(args: XmlElement): Values {
    const credentials = parseStringIn(textArg(args, 'stringIn'));
    const timeLimit = integerArg(args, 'timeLimit', 1, MAX_TIME_LIMIT_SECONDS, 30);
    const lockMode = textArg(args, 'lockMode');
    if (lockMode !== 'S' && lockMode !== 'X') throw new UdirectoryFault('COMMON_BAD_PARAMETER', `startSession: lockMode must be S or X, got "${lockMode}"`);
    if (credentials.scheme !== 'BASIC') throw new UdirectoryFault('COMMON_AUTHENTICATION_FAILED', `authentication scheme "${credentials.scheme}" is not supported (BASIC only)`);
    if (credentials.user !== this.adminUser || credentials.password !== this.adminPassword) {
      throw new UdirectoryFault('COMMON_AUTHENTICATION_FAILED', 'wrong user name or password');
    }
    return [
      ['returnValue', 'OK'],
      ['stringOut', this.sessions.start(lockMode, timeLimit)],
    ];
  }

  private searchObjects(args: XmlElement): Values {
    this.sessions.use(textArg(args, 'sessionId'));
    const fromClass = textArg(args, 'fromClass', 'entry');
    if (fromClass !== 'entry') throw new UdirectoryFault('COMMON_BAD_PARAMETER', `searchObjects: fromClass "${fromClass}" is not supported (only entry)`);
    for (const where of ['whereAnd', 'whereOr']) {
      for (const term of arrayArg(args, where)) {
        const name = childNamed(term, 'propName')?.text.trim() ?? '';
        if (name !== '' && name !== 'all') throw new UdirectoryFault('COMMON_BAD_PARAMETER', `searchObjects: the simulator does not filter (${where} on ${name}); ask for all entries`);
      }
    }
    const select = selectProps(args);
    const order = arrayArg(args, 'orderBy')[0];
    const orderBy = order ? { propName: childNamed(order, 'propName')?.text.trim() ?? '', descending: childNamed(order, 'isDescending')?.text.trim() === 'true' } : null;
    if (orderBy && orderBy.propName !== '' && !ENTRY_PROPERTIES[orderBy.propName]) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `searchObjects: cannot order by ${orderBy.propName}`);
    const offset = integerArg(args, 'rowOffset', 0, 99_999, 0);
    const count = Math.min(MAX_OBJECTS_PER_CALL, integerArg(args, 'rowCount', 1, 99_999, MAX_OBJECTS_PER_CALL));
    const page = this.book.search(offset, count, orderBy);
    return [
      ['returnValue', offset + page.rows.length >= page.total ? 'EOD' : 'OK'],
      ['rowList', { rows: page.rows.map((row) => pick(row, select)) }],
      ['numOfResults', page.total],
    ];
  }

  private getObjectsProps(args: XmlElement): Values {
    this.sessions.use(textArg(args, 'sessionId'));
    const ids = stringsArg(args, 'objectIdList').map(objectId);
    limitCount(ids.length, 'objectIdList');
    const select = selectProps(args);
    return [['returnValue', { rows: this.book.get(ids).map((row) => pick(row, select)) }]];
  }

  /**
   * A write: an exclusive session, no reception restriction, the injected failure; then
   * `apply`. An empty write (deleteObjects of nothing: how a client asks whether writes are
   * accepted) is checked the same way but does not count towards `failWritesAfter`.
   */
  private write(args: XmlElement, apply: () => Values, empty = false): Values {
    const mode: LockMode = this.sessions.use(textArg(args, 'sessionId'));
    if (mode !== 'X') throw new UdirectoryFault('UDIRECTORY_LOCK_REQUIRED', `${args.local} needs a session started with lockMode X`);
    if (this.receptionRestricted) throw new UdirectoryFault('UDIRECTORY_RECEPTION_RESTRICTED', 'the address book reception restriction is on: the device accepts no address book changes');
    const failAfter = this.faults.failWritesAfter;
    if (!empty && failAfter !== undefined && this.writes >= failAfter) throw new UdirectoryFault('COMMON_SOAP_SERVER', 'the device could not write its address book');
    const values = apply();
    if (!empty) this.writes++;
    return values;
  }
}

interface Credentials {
  scheme: string;
  user: string;
  password: string;
}

/** `SCHEME=<b64>;UID:UserName=<b64>;PWD:Password=<b64>;PES:Encoding=` (fields in any order). */
function parseStringIn(stringIn: string): Credentials {
  const fields = new Map<string, string>();
  for (const part of stringIn.split(';')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `startSession: stringIn field "${part.slice(0, 40)}" has no "="`);
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const encoding = fields.get('PES:Encoding') ?? '';
  if (encoding !== '') throw new UdirectoryFault('COMMON_BAD_PARAMETER', `startSession: password encoding "${encoding}" is not supported; send the password in base64 with PES:Encoding empty`);
  const decode = (key: string): string => {
    const value = fields.get(key);
    if (value === undefined) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `startSession: stringIn has no ${key}`);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `startSession: ${key} is not base64`);
    return Buffer.from(value, 'base64').toString('utf8');
  };
  return { scheme: decode('SCHEME'), user: decode('UID:UserName'), password: decode('PWD:Password') };
}

/** "entry:<id>" → id; COMMON_BAD_PARAMETER otherwise. */
function objectId(text: string): number {
  const match = /^entry:(\d{1,9})$/.exec(text);
  if (!match) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `"${text.slice(0, 40)}" is not an object id (entry:<id>)`);
  return Number(match[1]);
}

function selectProps(args: XmlElement): string[] {
  const names = stringsArg(args, 'selectProps').filter((n) => n !== '');
  for (const name of names) if (!ENTRY_PROPERTIES[name]) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `${args.local}: ${name} is not a property of an entry`);
  return names.length > 0 ? names : ['id'];
}

function pick(row: ReadonlyMap<string, string>, names: readonly string[]): Property[] {
  return names.map((name) => [name, row.get(name) ?? '']);
}

function limitCount(count: number, what: string): void {
  if (count > MAX_OBJECTS_PER_CALL) throw new UdirectoryFault('COMMON_BAD_PARAMETER', `${what} holds ${count} objects; at most ${MAX_OBJECTS_PER_CALL} per call`);
}
