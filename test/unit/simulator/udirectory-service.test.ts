import { Buffer } from 'node:buffer';
import { beforeEach, describe, expect, it } from 'vitest';
import { normalizeAddressBookOptions } from '../../../src-main/simulator/udirectory/address-book-options';
import { parseDeviceOptions } from '../../../src-main/simulator/device-options';
import { readXml, XmlReadError } from '../../../src-main/simulator/udirectory/soap-xml-reader';
import { UdirectoryService } from '../../../src-main/simulator/udirectory/udirectory-service';

/** The simulated udirectory service without sockets: request text in, reply text out, a clock we move. */

const NS = 'http://www.ricoh.co.jp/xmlns/soap/rdh/udirectory';
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const props = (list: Array<[string, string]>): string => list.map(([n, v]) => `<item><propName>${n}</propName><propVal>${v}</propVal></item>`).join('');
const strings = (list: string[]): string => list.map((s) => `<item>${s}</item>`).join('');

let now = 0;
let service: UdirectoryService;

const envelope = (operation: string, inner: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:${operation} xmlns:m="${NS}">${inner}</m:${operation}></s:Body></s:Envelope>`;

function call(operation: string, inner: string, soapAction = `${NS}#${operation}`): { status: number; body: string } {
  return service.handle(envelope(operation, inner), soapAction);
}

/** The errorCode of a fault reply, or 'OK' for a reply. */
function outcome(reply: { status: number; body: string }): string {
  return reply.status === 200 ? 'OK' : (/<errorCode>(\w+)<\/errorCode>/.exec(reply.body)?.[1] ?? `no errorCode in ${reply.body}`);
}

function start(lockMode: 'S' | 'X', password = 'pw', timeLimit = 30): string {
  const reply = call('startSession', `<stringIn>SCHEME=${b64('BASIC')};UID:UserName=${b64('admin')};PWD:Password=${b64(password)};PES:Encoding=</stringIn><timeLimit>${timeLimit}</timeLimit><lockMode>${lockMode}</lockMode>`);
  const id = /<stringOut>(\w+)<\/stringOut>/.exec(reply.body)?.[1];
  if (!id) throw new Error(`no session: ${reply.body}`);
  return id;
}

const mailEntry = (index: number): Record<string, string> => ({ index: String(index), name: `N${index}`, 'mail:': 'true', 'mail:address': `n${index}@example.com` });

beforeEach(() => {
  now = 0;
  service = new UdirectoryService(normalizeAddressBookOptions({ adminPassword: 'pw', entryLimit: 100, entries: Array.from({ length: 60 }, (_, i) => mailEntry(i + 1)) }, 'test'), () => now);
});

describe('udirectory sessions', () => {
  it('a wrong password is COMMON_AUTHENTICATION_FAILED, and opens nothing', () => {
    expect(outcome(call('startSession', `<stringIn>SCHEME=${b64('BASIC')};UID:UserName=${b64('admin')};PWD:Password=${b64('no')};PES:Encoding=</stringIn><timeLimit>30</timeLimit><lockMode>S</lockMode>`))).toBe('COMMON_AUTHENTICATION_FAILED');
    expect(service.sessions.open).toBe(0);
  });

  it('shared sessions read side by side; an exclusive one excludes all others (faultstring "busy")', () => {
    const a = start('S');
    start('S');
    const busy = call('startSession', `<stringIn>SCHEME=${b64('BASIC')};UID:UserName=${b64('admin')};PWD:Password=${b64('pw')};PES:Encoding=</stringIn><timeLimit>30</timeLimit><lockMode>X</lockMode>`);
    expect(outcome(busy)).toBe('COMMON_BUSY');
    expect(busy.body).toContain('<faultstring>busy</faultstring>');
    call('terminateSession', `<sessionId>${a}</sessionId>`);
    expect(service.sessions.open).toBe(1);
  });

  it('a session expires timeLimit seconds after its last call; calls renew it; an expired one releases its lock', () => {
    const x = start('X', 'pw', 10);
    now += 9_000;
    expect(outcome(call('searchObjects', `<sessionId>${x}</sessionId>`))).toBe('OK');
    now += 9_000;
    expect(service.sessions.open).toBe(1);
    now += 1_001;
    expect(service.sessions.open).toBe(0);
    expect(outcome(call('searchObjects', `<sessionId>${x}</sessionId>`))).toBe('COMMON_INVALID_SESSION');
    expect(service.stats()).toMatchObject({ sessionsStarted: 1, sessionsExpired: 1, sessionsTerminated: 0 });
    start('X');
  });

  it('writes need lockMode X; terminating twice is COMMON_INVALID_SESSION', () => {
    const s = start('S');
    expect(outcome(call('deleteObjects', `<sessionId>${s}</sessionId><objectIdList>${strings(['entry:1'])}</objectIdList>`))).toBe('UDIRECTORY_LOCK_REQUIRED');
    expect(outcome(call('terminateSession', `<sessionId>${s}</sessionId>`))).toBe('OK');
    expect(outcome(call('terminateSession', `<sessionId>${s}</sessionId>`))).toBe('COMMON_INVALID_SESSION');
  });
});

describe('udirectory reads', () => {
  it('searchObjects answers pages of at most 50 rows, numOfResults = all, EOD on the last page', () => {
    const s = start('S');
    const page = (offset: number, count: number): { rows: number; total: string; end: string } => {
      const reply = call('searchObjects', `<sessionId>${s}</sessionId><selectProps>${strings(['id', 'index'])}</selectProps><fromClass>entry</fromClass><rowOffset>${offset}</rowOffset><rowCount>${count}</rowCount>`);
      const rowList = /<rowList[^>]*>(.*)<\/rowList>/s.exec(reply.body)?.[1] ?? '';
      return { rows: (rowList.match(/<propName>id<\/propName>/g) ?? []).length, total: /<numOfResults>(\d+)/.exec(reply.body)?.[1] ?? '', end: /<returnValue>(\w+)/.exec(reply.body)?.[1] ?? '' };
    };
    expect(page(0, 100)).toEqual({ rows: 50, total: '60', end: 'OK' });
    expect(page(50, 50)).toEqual({ rows: 10, total: '60', end: 'EOD' });
    expect(page(60, 50)).toEqual({ rows: 0, total: '60', end: 'EOD' });
  });

  it('getObjectsProps returns the selected properties, never a password; an unknown id is a fault', () => {
    const x = start('X');
    call('putObjects', `<sessionId>${x}</sessionId><objectClass>entry</objectClass><propListList><item>${props([['index', '500'], ['name', 'Share'], ['remoteFolder:', 'true'], ['remoteFolder:type', 'smb'], ['remoteFolder:path', '\\\\f\\s'], ['remoteFolder:password', b64('secret')]])}</item></propListList>`);
    const reply = call('getObjectsProps', `<sessionId>${x}</sessionId><objectIdList>${strings(['entry:61'])}</objectIdList><selectProps>${strings(['index', 'remoteFolder:path', 'remoteFolder:password'])}</selectProps>`);
    expect(reply.body).toContain('<propName>remoteFolder:path</propName><propVal>\\\\f\\s</propVal>');
    expect(reply.body).toContain('<propName>remoteFolder:password</propName><propVal></propVal>');
    expect(outcome(call('getObjectsProps', `<sessionId>${x}</sessionId><objectIdList>${strings(['entry:999'])}</objectIdList>`))).toBe('UDIRECTORY_OBJECT_NOT_FOUND');
  });
});

describe('udirectory writes', () => {
  it('putObjects adds all or nothing: a duplicate number, a bad property or no room refuses the whole call', () => {
    const x = start('X');
    const put = (lists: Array<Array<[string, string]>>): string => outcome(call('putObjects', `<sessionId>${x}</sessionId><objectClass>entry</objectClass><propListList>${lists.map((l) => `<item>${props(l)}</item>`).join('')}</propListList>`));
    const mail = (index: number): Array<[string, string]> => Object.entries(mailEntry(index));
    expect(put([mail(70), mail(1)])).toBe('UDIRECTORY_DIRECTORY_INCONSISTENT');
    expect(put([mail(70), [...mail(71), ['colour', 'red']]])).toBe('COMMON_BAD_PARAMETER');
    expect(put([mail(70), [...mail(71), ['remoteFolder:', 'true'], ['remoteFolder:type', 'webdav']]])).toBe('COMMON_BAD_PARAMETER');
    expect(service.book.size).toBe(60);
    service.book.entryLimit = 61;
    expect(put([mail(70), mail(71)])).toBe('UDIRECTORY_DIRECTORY_FULL');
    expect(put([mail(70)])).toBe('OK');
    expect(service.book.size).toBe(61);
  });

  it('the reception restriction refuses every write, even an empty one, and lets reads through', () => {
    service.receptionRestricted = true;
    const x = start('X');
    expect(outcome(call('deleteObjects', `<sessionId>${x}</sessionId><objectIdList></objectIdList>`))).toBe('UDIRECTORY_RECEPTION_RESTRICTED');
    expect(outcome(call('putObjectProps', `<sessionId>${x}</sessionId><objectId>entry:1</objectId><propList>${props([['name', 'X']])}</propList>`))).toBe('UDIRECTORY_RECEPTION_RESTRICTED');
    expect(outcome(call('searchObjects', `<sessionId>${x}</sessionId>`))).toBe('OK');
  });

  it('putObjectProps changes what it names; the id cannot be written; a number another entry has is refused', () => {
    const x = start('X');
    expect(outcome(call('putObjectProps', `<sessionId>${x}</sessionId><objectId>entry:1</objectId><propList>${props([['name', 'Renamed'], ['tagId', '1,4']])}</propList>`))).toBe('OK');
    expect(service.book.snapshot()[0]?.props).toMatchObject({ name: 'Renamed', tagId: '1,4', 'mail:address': 'n1@example.com' });
    expect(outcome(call('putObjectProps', `<sessionId>${x}</sessionId><objectId>entry:1</objectId><propList>${props([['id', '7']])}</propList>`))).toBe('COMMON_BAD_PARAMETER');
    expect(outcome(call('putObjectProps', `<sessionId>${x}</sessionId><objectId>entry:1</objectId><propList>${props([['index', '2']])}</propList>`))).toBe('UDIRECTORY_DIRECTORY_INCONSISTENT');
  });

  it('failWritesAfter answers COMMON_SOAP_SERVER after that many writes (an empty probe does not count)', () => {
    service.setFaults({ failWritesAfter: 1 });
    const x = start('X');
    expect(outcome(call('deleteObjects', `<sessionId>${x}</sessionId><objectIdList></objectIdList>`))).toBe('OK');
    expect(outcome(call('deleteObjects', `<sessionId>${x}</sessionId><objectIdList>${strings(['entry:1'])}</objectIdList>`))).toBe('OK');
    expect(outcome(call('deleteObjects', `<sessionId>${x}</sessionId><objectIdList>${strings(['entry:2'])}</objectIdList>`))).toBe('COMMON_SOAP_SERVER');
  });
});

describe('udirectory messages', () => {
  it.each([
    ['a SOAPAction naming another operation', () => call('searchObjects', '', `${NS}#deleteObjects`), 'COMMON_BAD_MESSAGE'],
    ['no SOAPAction header', () => service.handle(envelope('searchObjects', ''), undefined), 'COMMON_BAD_MESSAGE'],
    ['an operation the service lacks', () => call('getServiceCapability', ''), 'COMMON_NOT_SUPPORTED'],
    ['a body outside the udirectory namespace', () => service.handle('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><startSession/></s:Body></s:Envelope>', `${NS}#startSession`), 'COMMON_BAD_MESSAGE'],
    ['SOAP 1.2', () => service.handle('<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>', ''), 'COMMON_BAD_MESSAGE'],
    ['a quoted SOAPAction (SOAP 1.1 style)', () => call('searchObjects', '<sessionId>none</sessionId>', `"${NS}#searchObjects"`), 'COMMON_INVALID_SESSION'],
  ])('%s', (_what, send, code) => {
    expect(outcome(send())).toBe(code);
  });

  it('SOAP 1.2 gets faultcode VersionMismatch', () => {
    expect(service.handle('<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>', '').body).toContain('<faultcode>s:VersionMismatch</faultcode>');
  });
});

describe('the strict XML reader', () => {
  it('reads elements, attributes, CDATA, comments, entities and character references', () => {
    const root = readXml('\uFEFF<?xml version="1.0" encoding="UTF-8"?><!-- c --><a x="1 &amp; 2" y=\'&#x41;\'><b>&lt;t&gt; &#233;<![CDATA[<raw>]]></b><c/></a>');
    expect(root.attributes.get('x')).toBe('1 & 2');
    expect(root.attributes.get('y')).toBe('A');
    expect(root.children.map((c) => c.local)).toEqual(['b', 'c']);
    expect(root.children[0]?.text).toBe('<t> é<raw>');
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', /DOCTYPE/],
    ['an unknown entity', '<a>&e;</a>', /unknown entity/],
    ['a bare ampersand', '<a>fish & chips</a>', /starts no reference/],
    ['a processing instruction', '<a><?php echo 1 ?></a>', /processing instructions/],
    ['mismatched tags', '<a><b></a></b>', /does not close/],
    ['two roots', '<a/><b/>', /after the root/],
    ['a duplicate attribute', '<a x="1" x="2"/>', /given twice/],
    ['an unquoted attribute', '<a x=1/>', /quoted/],
    ['another encoding', '<?xml version="1.0" encoding="Shift_JIS"?><a/>', /not UTF-8/],
    ['deep nesting', `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`, /deeper than 32/],
    ['a character reference to a control character', '<a>&#1;</a>', /bad character reference/],
  ])('refuses %s', (_what, xml, reason) => {
    expect(() => readXml(xml)).toThrow(XmlReadError);
    expect(() => readXml(xml)).toThrow(reason);
  });
});

describe('the addressBook section of a .device.json', () => {
  it('takes a limit, the restriction, a login and seed entries', () => {
    const options = parseDeviceOptions({ addressBook: { entryLimit: 5, receptionRestricted: true, adminUser: 'admin', adminPassword: 'x', entries: [mailEntry(1)] } }, 'r.device.json');
    expect(options.addressBook).toMatchObject({ entryLimit: 5, receptionRestricted: true });
  });

  it.each([
    [{ entryLimit: -1 }, /entryLimit must be/],
    [{ colour: 'red' }, /unknown key "colour"/],
    [{ entries: [{ name: 'No index', 'mail:': 'true', 'mail:address': 'a@b.c' }] }, /index is required/],
    [{ entries: [mailEntry(1), mailEntry(1)] }, /index 1 is given twice/],
    [{ entries: [{ ...mailEntry(1), 'mail:address': 'nope' }] }, /not a mail address/],
    [{ entryLimit: 1, entries: [mailEntry(1), mailEntry(2)] }, /more than its entryLimit 1/],
  ])('refuses %j naming the file and what is wrong', (addressBook, reason) => {
    expect(() => parseDeviceOptions({ addressBook }, 'r.device.json')).toThrow(/^r\.device\.json: addressBook/);
    expect(() => parseDeviceOptions({ addressBook }, 'r.device.json')).toThrow(reason);
  });
});
