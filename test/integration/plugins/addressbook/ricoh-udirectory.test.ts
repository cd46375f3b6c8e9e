import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addressEntrySchema, type AddressEntry, type AddressEntryInput, type IndexTag } from '../../../../src-shared/plugins/addressbook/address-entry';
import { AdapterError, type DeviceEndpoint, type DeviceLogin } from '../../../../src-main/plugins/addressbook/adapters/address-book-adapter';
import { RicohUdirectoryAdapter } from '../../../../src-main/plugins/addressbook/adapters/ricoh-udirectory';
import { UdirectorySession, DEFAULT_UDIRECTORY_OPTIONS } from '../../../../src-main/plugins/addressbook/adapters/udirectory-session';
import { simulateCommand } from '../../../../src-main/cli/simulate-command';
import { loadDemoProfiles } from '../../../../src-main/simulator/demo-fleet';
import { startSimulator, type SimAddressBookHandle, type Simulator } from '../../../../src-main/simulator/simulator';

/**
 * The console's Ricoh udirectory adapter against the simulated Ricoh (its own SOAP reader),
 * over HTTP and HTTPS on 127.131.0.x with system-chosen ports. Every test leaves no session
 * open on the device: the simulator counts them.
 */

const BASE = '127.131.0.1';
const ADMIN: DeviceLogin = { user: 'admin', password: 'Secret-1' };
const DEVICES = ['ricoh-a', 'ricoh-b'] as const;

let simulator: Simulator;
const adapter = new RicohUdirectoryAdapter({ requestTimeoutMs: 5_000 });
const signal = (): AbortSignal => AbortSignal.timeout(20_000);

function book(name: (typeof DEVICES)[number] = 'ricoh-a'): SimAddressBookHandle {
  const handle = simulator.device(name).addressBook;
  if (!handle) throw new Error(`${name} serves no address book`);
  return handle;
}

function endpoint(tls: boolean, name: (typeof DEVICES)[number] = 'ricoh-a'): DeviceEndpoint {
  const b = book(name);
  return { address: b.address, port: (tls ? b.httpsPort : b.httpPort) ?? 0, tls, allowSelfSigned: true };
}

const entry = (input: AddressEntryInput): AddressEntry => addressEntrySchema.parse(input);
const mail = (number: number, name = `Person ${number}`): AddressEntry => entry({ number, name, kind: 'email', address: `person${number}@example.com` });

/** Device entries as udirectory properties (what a device's panel would have made). */
const deviceMail = (index: number, name = `Old ${index}`): Record<string, string> => ({ index: String(index), name, longName: name, 'mail:': 'true', 'mail:address': `old${index}@example.com`, tagId: '2' });

/** A varied book: mail, fax, IP-fax, SMB and FTP folders, tags, readings. */
function variedBook(count: number, from = 1): AddressEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const number = from + i;
    const common = { number, name: i % 11 === 0 ? `R&D "Tëam" <${number}>` : `Entry ${number}`, reading: i % 7 === 0 ? `えんとり ${number}` : '', tags: i % 3 === 0 ? ['frequent', 'EF'] : ['RST'] } satisfies { tags: IndexTag[] } & Record<string, unknown>;
    switch (i % 5) {
      case 0:
        return entry({ ...common, kind: 'email', address: `entry${number}@example.com` });
      case 1:
        return entry({ ...common, kind: 'fax', faxNumber: `0301234${number}` });
      case 2:
        return entry({ ...common, kind: 'ifax', address: `ifax${number}@example.com` });
      case 3:
        return entry({ ...common, kind: 'folder', protocol: 'smb', host: 'files', path: `scans\\entry${number}`, user: 'scanner', password: 'pw' });
      default:
        return entry({ ...common, kind: 'folder', protocol: 'ftp', host: 'ftp.example.com', port: 2121, path: `/in/${number}`, user: '', password: null });
    }
  });
}

/** What a read gives back of a delivered entry: passwords are never exported. */
const asRead = (entries: AddressEntry[]): AddressEntry[] => entries.map((e) => (e.kind === 'folder' ? { ...e, password: null } : e)).sort((a, b) => a.number - b.number);

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AdapterError)) throw new Error(`expected an AdapterError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  const ricoh = loadDemoProfiles().find((p) => p.name === 'ricoh-mfp');
  if (!ricoh) throw new Error('no ricoh-mfp demo profile');
  simulator = await startSimulator({
    devices: DEVICES.map((name) => ({ ...ricoh.options, name, varbinds: ricoh.varbinds })),
    baseAddress: BASE,
    port: 0,
    webPort: 0,
    webTlsPort: 0,
  });
});

afterAll(async () => {
  await simulator?.close();
});

beforeEach(() => {
  for (const name of DEVICES) {
    const b = book(name);
    b.setFaults({});
    b.receptionRestricted = false;
    b.entryLimit = 2000;
    b.setAdmin(ADMIN.user, ADMIN.password);
    b.replaceEntries([]);
  }
});

afterEach(() => {
  for (const name of DEVICES) expect(book(name).openSessions, `${name}: sessions left open`).toBe(0);
});

describe.each([
  ['HTTP', false],
  ['HTTPS (self-signed)', true],
] as const)('Ricoh udirectory over %s', (_label, tls) => {
  it('fetch reads a book of 120 entries in pages of 50, every kind mapped, sorted by number', async () => {
    const delivered = variedBook(120);
    const outcome = await adapter.deliver(endpoint(tls), ADMIN, delivered, 'append', signal());
    expect(outcome).toEqual({ delivered: 120, overLimit: [], refused: [], removed: 0 });
    const before = book().stats().requests;

    const fetched = await adapter.fetch(endpoint(tls), ADMIN, signal());

    expect(fetched).toEqual(asRead(delivered));
    // startSession, 3 × (searchObjects + getObjectsProps), terminateSession.
    expect(book().stats().requests - before).toBe(8);
  });

  it('append adds new numbers, updates a number the device has in place, and keeps the others', async () => {
    book().replaceEntries([deviceMail(1), deviceMail(2), deviceMail(3)]);
    const idOfTwo = book().entries().find((e) => e.props.index === '2')?.id;

    const outcome = await adapter.deliver(endpoint(tls), ADMIN, [mail(2, 'New two'), mail(10), mail(11)], 'append', signal());

    expect(outcome).toEqual({ delivered: 3, overLimit: [], refused: [], removed: 0 });
    const after = book().entries();
    expect(after.map((e) => [e.props.index, e.props.name])).toEqual([
      ['1', 'Old 1'],
      ['2', 'New two'],
      ['3', 'Old 3'],
      ['10', 'Person 10'],
      ['11', 'Person 11'],
    ]);
    expect(after.find((e) => e.props.index === '2')?.id, 'updated in place').toBe(idOfTwo);
  });

  it('replace leaves the device holding exactly the book: stale entries deleted after the writes', async () => {
    book().replaceEntries(Array.from({ length: 60 }, (_, i) => deviceMail(i + 1)));
    const delivered = variedBook(55, 31); // 31..85: 30 numbers shared with the device, 25 new

    const outcome = await adapter.deliver(endpoint(tls), ADMIN, delivered, 'replace', signal());

    expect(outcome).toEqual({ delivered: 55, overLimit: [], refused: [], removed: 30 });
    expect(await adapter.fetch(endpoint(tls), ADMIN, signal())).toEqual(asRead(delivered));
    const smb = book().entries().find((e) => e.props.index === '34');
    expect(smb?.props).toMatchObject({ 'remoteFolder:': 'true', 'remoteFolder:type': 'smb', 'remoteFolder:path': '\\\\files\\scans\\entry34', 'remoteFolder:password': 'cHc=', 'mail:': 'false' });
  });
});

describe('Ricoh udirectory: what a device refuses', () => {
  it('a device with the reception restriction on refuses a delivery and says so; reads still work', async () => {
    book().replaceEntries([deviceMail(1)]);
    book().receptionRestricted = true;

    const error = await rejection(adapter.deliver(endpoint(false), ADMIN, [mail(5)], 'replace', signal()));

    expect(error.step).toBe('reception-restricted');
    expect(error.message).toMatch(/reception restriction is on/);
    expect(book().entries().map((e) => e.props.index)).toEqual(['1']);
    expect(await adapter.receptionRestricted(endpoint(false), ADMIN, signal())).toBe(true);
    expect((await adapter.fetch(endpoint(false), ADMIN, signal())).map((e) => e.number)).toEqual([1]);
    book().receptionRestricted = false;
    expect(await adapter.receptionRestricted(endpoint(false), ADMIN, signal())).toBe(false);
  });

  it('a device with a smaller limit gets what fits; the rest is reported in overLimit', async () => {
    book().entryLimit = 10;
    book().replaceEntries([deviceMail(1), deviceMail(2), deviceMail(3), deviceMail(4)]);

    const outcome = await adapter.deliver(endpoint(false), ADMIN, Array.from({ length: 10 }, (_, i) => mail(101 + i)), 'append', signal());

    expect(outcome).toEqual({ delivered: 6, overLimit: [107, 108, 109, 110], refused: [], removed: 0 });
    expect(book().entries().map((e) => e.props.index)).toEqual(['1', '2', '3', '4', '101', '102', '103', '104', '105', '106']);
  });

  it('replace on a full device: what did not fit is added once the stale entries are gone', async () => {
    book().entryLimit = 10;
    book().replaceEntries(Array.from({ length: 8 }, (_, i) => deviceMail(i + 1)));
    const delivered = Array.from({ length: 6 }, (_, i) => mail(201 + i));

    const outcome = await adapter.deliver(endpoint(false), ADMIN, delivered, 'replace', signal());

    expect(outcome).toEqual({ delivered: 6, overLimit: [], refused: [], removed: 8 });
    expect(await adapter.fetch(endpoint(false), ADMIN, signal())).toEqual(delivered);
  });

  it('entries a Ricoh cannot hold are refused one by one with why; the rest is delivered', async () => {
    const book$ = [
      mail(1),
      entry({ number: 2, name: 'Docs', kind: 'folder', protocol: 'webdav', host: 'dav.example.com', path: '/scans' }),
      entry({ number: 3, name: 'Team', kind: 'group', members: [1] }),
      entry({ number: 4, name: 'Fax with sub', kind: 'fax', faxNumber: '0301234', subAddress: '12' }),
      entry({ number: 5, name: 'A name far longer than twenty', kind: 'email', address: 'long@example.com' }),
      mail(1, 'Duplicate'),
      entry({ number: 6, name: 'Reading', reading: 'よ'.repeat(70), kind: 'email', address: 'reading@example.com' }),
      mail(7),
    ];

    const outcome = await adapter.deliver(endpoint(false), ADMIN, book$, 'append', signal());

    expect(outcome.delivered).toBe(2);
    expect(outcome.refused.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(outcome.refused.map((r) => r.message)).toEqual([
      expect.stringMatching(/more than once/),
      expect.stringMatching(/WebDAV/),
      expect.stringMatching(/groups/),
      expect.stringMatching(/sub-address/),
      expect.stringMatching(/longer than the 20 characters/),
      expect.stringMatching(/device refused it: .*phoneticName is longer than 64/),
    ]);
    expect(book().entries().map((e) => e.props.index)).toEqual(['1', '7']);
  });

  it('a replace of which the device can take nothing deletes nothing', async () => {
    book().replaceEntries([deviceMail(1), deviceMail(2)]);
    const outcome = await adapter.deliver(endpoint(false), ADMIN, [entry({ number: 9, name: 'Team', kind: 'group', members: [1] })], 'replace', signal());
    expect(outcome).toEqual({ delivered: 0, overLimit: [], refused: [{ number: 9, message: expect.stringMatching(/groups/) }], removed: 0 });
    expect(book().entries().map((e) => e.props.index)).toEqual(['1', '2']);
  });

  it('wrong credentials fail with step wrong-credentials, as a test result and as an error', async () => {
    const wrong = { user: 'admin', password: 'nope' };
    expect(await adapter.testAuthentication(endpoint(true), wrong, signal())).toEqual({ ok: false, step: 'wrong-credentials', message: expect.stringMatching(/refused the login of "admin": wrong user name or password/) });
    expect((await rejection(adapter.fetch(endpoint(false), wrong, signal()))).step).toBe('wrong-credentials');
    expect(await adapter.testAuthentication(endpoint(true), ADMIN, signal())).toMatchObject({ ok: true, step: 'ok' });
  });

  it('a device whose book another session holds exclusively is busy', async () => {
    const other = await UdirectorySession.start(endpoint(false), ADMIN, 'X', signal(), DEFAULT_UDIRECTORY_OPTIONS);
    try {
      expect(await adapter.testAuthentication(endpoint(false), ADMIN, signal())).toMatchObject({ ok: false, step: 'busy' });
      const error = await rejection(adapter.deliver(endpoint(false), ADMIN, [mail(1)], 'append', signal()));
      expect(error.step).toBe('busy');
      expect(error.message).toMatch(/busy: someone else/);
    } finally {
      await other.terminate();
    }
    expect(book().entries()).toEqual([]);
  });

  it('a failure mid-delivery ends the delivery, deletes nothing and still terminates the session', async () => {
    book().replaceEntries([deviceMail(900), deviceMail(901)]);
    book().setFaults({ failWritesAfter: 1 });

    const error = await rejection(adapter.deliver(endpoint(false), ADMIN, variedBook(120), 'replace', signal()));

    expect(error.step).toBe('failed');
    expect(error.message).toMatch(/failed during putObjects/);
    const numbers = book().entries().map((e) => Number(e.props.index));
    expect(numbers.slice(0, 2), 'stale entries not deleted').toEqual([900, 901]);
    expect(numbers).toHaveLength(2 + 50);
    expect(book().stats().sessionsTerminated).toBe(book().stats().sessionsStarted);
  });

  it('a connection dropped mid-delivery is "no answer", and the session is still terminated', async () => {
    book().setFaults({ dropOperations: ['putObjects'] });
    const error = await rejection(adapter.deliver(endpoint(true), ADMIN, [mail(1)], 'append', signal()));
    expect(error.step).toBe('no-answer');
  });

  it('a self-signed certificate is refused unless allowed, before the login is sent', async () => {
    const before = book().stats().requests;
    const error = await rejection(adapter.fetch({ ...endpoint(true), allowSelfSigned: false }, ADMIN, signal()));
    expect(error.step).toBe('failed');
    expect(error.message).toMatch(/certificate .* is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)\. It is self-signed/);
    expect(book().stats().requests, 'no request reached the service').toBe(before);
  });

  it('a cancelled signal stops before anything is sent', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = book().stats().requests;
    expect((await rejection(adapter.fetch(endpoint(false), ADMIN, controller.signal))).step).toBe('cancelled');
    expect(book().stats().requests).toBe(before);
  });

  it('a second device is independent: its own book, limit and login', async () => {
    book('ricoh-b').setAdmin('other', 'pw');
    await adapter.deliver(endpoint(false), ADMIN, [mail(1)], 'append', signal());
    expect(book('ricoh-b').entries()).toEqual([]);
    expect((await adapter.testAuthentication(endpoint(false, 'ricoh-b'), { user: 'other', password: 'pw' }, signal())).ok).toBe(true);
  });
});

describe('Ricoh udirectory: endpoints that are not one', () => {
  let web: Server;
  let webPort: number;

  beforeAll(async () => {
    web = createServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><body>Not Found</body></html>');
    });
    await new Promise<void>((resolve) => web.listen(0, BASE, resolve));
    webPort = (web.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => web.close(() => resolve()));
  });

  it('a web server without /DH/udirectory is not-supported', async () => {
    const check = await adapter.testAuthentication({ address: BASE, port: webPort, tls: false, allowSelfSigned: false }, ADMIN, signal());
    expect(check).toMatchObject({ ok: false, step: 'not-supported', message: expect.stringMatching(/no udirectory service/) });
  });

  it('HTTPS asked of an HTTP port is not-supported; a closed port is no-answer', async () => {
    const http = endpoint(false);
    expect((await adapter.testAuthentication({ ...http, tls: true }, ADMIN, signal())).step).toBe('not-supported');
    expect(await adapter.testAuthentication({ ...http, port: webPort + 1 === http.port ? webPort + 2 : webPort + 1, address: '127.131.0.250' }, ADMIN, signal())).toMatchObject({ ok: false, step: 'no-answer' });
  });
});

describe('the simulated udirectory service', () => {
  const post = async (body: string, headers: Record<string, string> = {}, path = '/DH/udirectory', method = 'POST'): Promise<{ status: number; text: string }> => {
    const b = book();
    const res = await fetch(`http://${b.address}:${b.httpPort ?? 0}${path}`, {
      method,
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'http://www.ricoh.co.jp/xmlns/soap/rdh/udirectory#startSession', ...headers },
      ...(method === 'POST' ? { body } : {}),
      signal: signal(),
    });
    return { status: res.status, text: await res.text() };
  };

  it.each([
    ['not XML', 'this is not xml'],
    ['unclosed elements', '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'],
    ['a DOCTYPE with an entity', '<!DOCTYPE x [<!ENTITY a "b">]><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>'],
    ['not an envelope', '<startSession/>'],
    ['an empty Body', '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>'],
  ])('malformed SOAP (%s) answers a fault, and the service goes on', async (_what, body) => {
    const reply = await post(body);
    expect(reply.status).toBe(500);
    expect(reply.text).toMatch(/<s:Fault><faultcode>s:Client<\/faultcode>.*<errorCode>COMMON_BAD_MESSAGE<\/errorCode>/s);
    expect((await adapter.testAuthentication(endpoint(false), ADMIN, signal())).ok).toBe(true);
  });

  it('bounds the body (413), and answers only POST /DH/udirectory (404, 405)', async () => {
    expect((await post('x'.repeat(1024 * 1024 + 1))).status).toBe(413);
    expect((await post('<a/>', {}, '/other')).status).toBe(404);
    expect((await post('', {}, '/DH/udirectory', 'GET')).status).toBe(405);
  });
});

describe('printdeck simulate --web-port/--web-tls-port', () => {
  const DEMO_BASE = '127.132.0.1';

  const freePort = (kind: 'udp' | 'tcp'): Promise<number> =>
    new Promise((resolve, reject) => {
      if (kind === 'udp') {
        const socket = createSocket('udp4');
        socket.once('error', reject);
        socket.bind(0, DEMO_BASE, () => {
          const { port } = socket.address();
          socket.close(() => resolve(port));
        });
      } else {
        const server = createTcpServer();
        server.once('error', reject);
        server.listen(0, DEMO_BASE, () => {
          const { port } = server.address() as AddressInfo;
          server.close(() => resolve(port));
        });
      }
    });

  it('the demo fleet\'s Ricoh printers print their address book URLs and serve their book there', async () => {
    const [snmpPort, webPort, webTlsPort] = [await freePort('udp'), await freePort('tcp'), await freePort('tcp')];
    const lines: string[] = [];
    const stop = new AbortController();
    let listening: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (listening = resolve));
    const run = simulateCommand(['--demo', '12', '--base', DEMO_BASE, '--port', String(snmpPort), '--web-port', String(webPort), '--web-tls-port', String(webTlsPort)], {
      out: (text) => {
        lines.push(text);
        if (text.includes('listening')) listening();
      },
      err: (text) => lines.push(`stderr: ${text}`),
    }, stop.signal);
    try {
      await Promise.race([ready, run.then(() => Promise.reject(new Error(`simulate ended early: ${lines.join('\n')}`)))]);
      const ricoh = lines.filter((line) => line.includes('address book:'));
      expect(ricoh.length, lines.join('\n')).toBeGreaterThan(0);
      expect(lines.filter((line) => line.includes('address book:') && !/\tricoh-mfp-\d+\t/.test(line))).toEqual([]);
      const match = /^([\d.]+):\d+\tricoh-mfp-\d+\taddress book: http:\/\/[\d.]+:(\d+)\/DH\/udirectory, https:\/\/[\d.]+:(\d+)\/DH\/udirectory$/.exec(ricoh[0] ?? '');
      expect(match?.slice(2), ricoh[0]).toEqual([String(webPort), String(webTlsPort)]);
      const device: DeviceEndpoint = { address: match?.[1] ?? '', port: webTlsPort, tls: true, allowSelfSigned: true };
      const fetched = await adapter.fetch(device, { user: 'admin', password: '' }, signal());
      expect(fetched.map((e) => [e.number, e.kind, e.name])).toEqual([
        [1, 'email', 'Reception'],
        [2, 'fax', 'Accounts fax'],
        [3, 'folder', 'Scans share'],
        [4, 'folder', 'Archive FTP'],
        [5, 'ifax', 'Branch ifax'],
      ]);
    } finally {
      stop.abort();
      expect(await run).toBe(0);
    }
  });
});
