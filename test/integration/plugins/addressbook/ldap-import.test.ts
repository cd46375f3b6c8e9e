import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from 'ldapts';
import {
  directoryConnectionDefaults,
  directoryConnectionInputSchema,
  directoryConnectionSettingsSchema,
  directoryConnectionWarnings,
  type DirectoryConnection,
  type DirectoryConnectionSettingsInput,
} from '../../../../src-shared/plugins/addressbook/directory-connection';
import { entryToRecord, readDirectory, requestedAttributes, type DirectoryReadProgress, type DirectoryReadResult } from '../../../../src-main/plugins/addressbook/directory/ldap-import';
import { testDirectoryConnection } from '../../../../src-main/plugins/addressbook/directory/ldap-test';
import { freePort, hasSlapd, selfSignedCertificate, startSlapd, type SlapdRig } from '../../../helpers/slapd';

/**
 * Importing address books from an LDAP directory: Debian's slapd on loopback ports, loaded with
 * 500 people whose Japanese names and readings are base64 values in the LDIF (some without mail,
 * some with a fax number) and one groupOfNames. Proves the paged read (several pages of a small
 * page size, counted by the server's log too), the records, the size limit, every failure said
 * plainly, LDAPS and StartTLS against the test's own certificate, and the connection test.
 */

const SUFFIX = 'dc=printdeck,dc=test';
const PEOPLE = `ou=people,${SUFFIX}`;
const READER_DN = `cn=reader,ou=services,${SUFFIX}`;
const READER_PASSWORD = 'reader-Secret-4711';
const PEOPLE_COUNT = 500;
const GROUP_NAME = '印刷部';
const GROUP_MEMBERS = [3, 14, 15, 92, 65, 35, 89, 79, 323, 846].filter((n) => n <= PEOPLE_COUNT);
const READING_ATTRIBUTE = 'displayName;lang-ja;phonetic';

const FAMILY: readonly (readonly [string, string])[] = [
  ['山田', 'ヤマダ'],
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['高橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
];
const GIVEN: readonly (readonly [string, string])[] = [
  ['太郎', 'タロウ'],
  ['花子', 'ハナコ'],
  ['一郎', 'イチロウ'],
  ['美咲', 'ミサキ'],
  ['健', 'ケン'],
  ['陽子', 'ヨウコ'],
  ['翔', 'ショウ'],
  ['愛', 'アイ'],
  ['大輔', 'ダイスケ'],
  ['由美', 'ユミ'],
];

interface Person {
  uid: string;
  dn: string;
  name: string;
  reading: string;
  mail: string | null;
  fax: string | null;
}

/** Person n (1–500): every 10th has no mail but a fax number, every 5th has a fax number. */
function person(n: number): Person {
  const [family, familyReading] = FAMILY[n % FAMILY.length] ?? ['', ''];
  const [given, givenReading] = GIVEN[Math.floor(n / FAMILY.length) % GIVEN.length] ?? ['', ''];
  const uid = `user${String(n).padStart(3, '0')}`;
  return {
    uid,
    dn: `uid=${uid},${PEOPLE}`,
    name: `${family} ${given} ${n}`,
    reading: `${familyReading} ${givenReading}`,
    mail: n % 10 === 0 ? null : `${uid}@example.jp`,
    fax: n % 5 === 0 ? `+81 3 5555 ${String(n).padStart(4, '0')}` : null,
  };
}

const PEOPLE_LIST = Array.from({ length: PEOPLE_COUNT }, (_, index) => person(index + 1));
const GROUP_DN = `cn=${GROUP_NAME},ou=groups,${SUFFIX}`;

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** The directory: the first `count` people (all by default) and the group. */
function ldif(count = PEOPLE_COUNT): string {
  const records = [
    `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Printdeck test\ndc: printdeck`,
    `dn: ${PEOPLE}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=groups,${SUFFIX}\nobjectClass: organizationalUnit\nou: groups`,
    `dn: ou=services,${SUFFIX}\nobjectClass: organizationalUnit\nou: services`,
    `dn: ${READER_DN}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: reader\nuserPassword: ${READER_PASSWORD}`,
    ...PEOPLE_LIST.slice(0, count).map((p) =>
      [
        `dn: ${p.dn}`,
        'objectClass: inetOrgPerson',
        `uid: ${p.uid}`,
        `cn:: ${base64(p.name)}`,
        `sn:: ${base64(p.name.split(' ')[0] ?? '')}`,
        `${READING_ATTRIBUTE}:: ${base64(p.reading)}`,
        ...(p.mail === null ? [] : [`mail: ${p.mail}`]),
        ...(p.fax === null ? [] : [`facsimileTelephoneNumber: ${p.fax}`]),
      ].join('\n'),
    ),
    [`dn:: ${base64(GROUP_DN)}`, 'objectClass: groupOfNames', `cn:: ${base64(GROUP_NAME)}`, ...GROUP_MEMBERS.map((n) => `member: ${person(n).dn}`)].join('\n'),
  ];
  return `${records.join('\n\n')}\n`;
}

let slapd: SlapdRig;
let caPem: string;
let ldapPort: number;
let ldapsPort: number;

const portOf = (url: string | null): number => Number(/:(\d+)$/.exec(url ?? '')?.[1] ?? Number.NaN);

/** The OpenLDAP preset against the test's slapd: LDAPS checked against the test's CA, pages of 50. */
function connection(overrides: Partial<DirectoryConnectionSettingsInput> = {}): DirectoryConnection {
  return directoryConnectionSettingsSchema.parse({
    ...directoryConnectionDefaults('openldap'),
    name: 'Test directory',
    host: '127.0.0.1',
    port: ldapsPort,
    security: 'ldaps',
    caCertificate: caPem,
    bindDn: READER_DN,
    baseDn: SUFFIX,
    pageSize: 50,
    timeoutMs: 5_000,
    ...overrides,
  });
}

function expectRead(result: DirectoryReadResult): asserts result is Extract<DirectoryReadResult, { ok: true }> {
  if (!result.ok) throw new Error(`the read failed at ${result.step} (${result.code}): ${result.message}`);
}

/** What slapd logged for the paged searches: the entries each SEARCH RESULT carried. */
function searchResultSizes(log: string): number[] {
  return [...log.matchAll(/SEARCH RESULT tag=101 err=0 .*?nentries=(\d+)/g)].map((match) => Number(match[1]));
}

describe('directory records and the connection model', () => {
  it('decodes binary values as UTF-8, spells attributes as requested, leaves empty ones out and gathers ranged parts', () => {
    const entry: Entry = {
      dn: 'cn=Sales,ou=groups,dc=example,dc=com',
      CN: Buffer.from('営業部', 'utf8'),
      MAIL: [],
      'member;range=0-1': ['cn=a,dc=example,dc=com', 'cn=b,dc=example,dc=com'],
      objectclass: ['top', 'group'],
    };
    const { record, rest } = entryToRecord(entry, 7, requestedAttributes({ name: 'cn', reading: '', mail: 'mail', fax: 'facsimileTelephoneNumber', member: 'member' }));
    expect(record).toEqual({
      dn: 'cn=Sales,ou=groups,dc=example,dc=com',
      line: 7,
      attributes: { cn: ['営業部'], member: ['cn=a,dc=example,dc=com', 'cn=b,dc=example,dc=com'], objectClass: ['top', 'group'] },
    });
    expect(rest).toEqual([{ attribute: 'member', from: 2 }]);
  });

  it('asks for the mapped attributes once each, and objectClass', () => {
    expect(requestedAttributes({ name: 'displayName', reading: '', mail: 'mail', fax: '', member: 'MAIL' })).toEqual(['displayName', 'mail', 'objectClass']);
  });

  it('explains settings a person got wrong', () => {
    const result = directoryConnectionInputSchema.safeParse({
      ...directoryConnectionDefaults('active-directory'),
      name: ' ',
      host: 'ldaps://dc1.example.com',
      baseDn: 'example.com',
      filter: '(objectClass=user',
      password: 'x',
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
    expect(messages).toEqual({
      name: 'give the connection a name',
      host: 'give the server name alone, without ldap:// or ldaps:// (the security setting chooses between them)',
      baseDn: 'a base DN looks like ou=people,dc=example,dc=com',
      filter: 'an LDAP filter in one pair of parentheses with every "(" closed, such as (|(objectClass=person)(objectClass=groupOfNames))',
      bindDn: 'a password needs a bind DN; leave both empty for an anonymous read',
    });
  });

  it('takes Active Directory bind names and defaults the page size to 500 and the size limit to 20,000', () => {
    const parsed = directoryConnectionSettingsSchema.parse({ ...directoryConnectionDefaults('active-directory'), name: 'AD', host: 'dc1.example.com', bindDn: 'EXAMPLE\\printdeck', baseDn: 'DC=example,DC=com' });
    expect([parsed.pageSize, parsed.sizeLimit, parsed.security, parsed.port]).toEqual([500, 20_000, 'ldaps', 636]);
    expect(directoryConnectionSettingsSchema.safeParse({ ...parsed, bindDn: 'printdeck@example.com' }).success).toBe(true);
  });

  it('allows plain LDAP but flags it unless the server is this machine', () => {
    const plain = { host: 'ldap.example.com', security: 'none', verifyCertificate: true, bindDn: 'cn=reader,dc=example,dc=com' } as const;
    expect(directoryConnectionWarnings(plain).map((w) => w.code)).toEqual(['plain-ldap']);
    expect(directoryConnectionWarnings({ ...plain, host: '127.0.0.1' })).toEqual([]);
    expect(directoryConnectionWarnings({ ...plain, security: 'ldaps', verifyCertificate: false }).map((w) => w.code)).toEqual(['certificate-not-checked']);
  });
});

describe.skipIf(!hasSlapd)('importing address books from slapd', () => {
  beforeAll(async () => {
    const tls = await selfSignedCertificate({ ip: ['127.0.0.1'] });
    caPem = tls.cert;
    slapd = await startSlapd({ suffix: SUFFIX, ldif: ldif(), tls, attributeOptions: ['phonetic'], sizeLimit: 'unlimited' });
    ldapPort = portOf(slapd.url);
    ldapsPort = portOf(slapd.ldapsUrl);
  }, 60_000);

  afterAll(async () => {
    await slapd?.stop();
  });

  it('reads all 501 matching entries over LDAPS in pages of 50, with names, readings, mails, faxes and the group', async () => {
    const progress: DirectoryReadProgress[] = [];
    const before = searchResultSizes(slapd.log()).length;
    const result = await readDirectory(connection(), READER_PASSWORD, { onProgress: (p) => progress.push(p) });
    expectRead(result);

    expect(result.records).toHaveLength(PEOPLE_COUNT + 1);
    expect(result.pages).toBe(11);
    expect(progress.map((p) => p.records)).toEqual([50, 100, 150, 200, 250, 300, 350, 400, 450, 500, 501]);
    // The server, too, answered eleven searches of at most 50 entries each.
    await expect.poll(() => searchResultSizes(slapd.log()).slice(before)).toEqual([50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 1]);
    expect(result.records.map((r) => r.line)).toEqual(Array.from({ length: PEOPLE_COUNT + 1 }, (_, i) => i + 1));

    const byDn = new Map(result.records.map((record) => [record.dn, record]));
    for (const p of PEOPLE_LIST) {
      const record = byDn.get(p.dn);
      expect(record?.attributes, p.dn).toEqual({
        objectClass: ['inetOrgPerson'],
        cn: [p.name],
        [READING_ATTRIBUTE]: [p.reading],
        ...(p.mail === null ? {} : { mail: [p.mail] }),
        ...(p.fax === null ? {} : { facsimileTelephoneNumber: [p.fax] }),
      });
    }
    const people = result.records.filter((r) => r.attributes.objectClass?.includes('inetOrgPerson'));
    expect(people).toHaveLength(PEOPLE_COUNT);
    expect(people.filter((r) => r.attributes.mail === undefined)).toHaveLength(50);
    expect(people.filter((r) => r.attributes.facsimileTelephoneNumber !== undefined)).toHaveLength(100);
    const group = result.records.find((r) => r.attributes.objectClass?.includes('groupOfNames'));
    expect(group?.dn).toBe(GROUP_DN);
    expect(group?.attributes.cn).toEqual([GROUP_NAME]);
    expect(group?.attributes.member).toEqual(GROUP_MEMBERS.map((n) => person(n).dn));

    // The book: an e-mail entry per mail, a fax entry per fax number, the group of its members' e-mail entries.
    const { book } = result;
    expect(book.problems).toEqual([]);
    expect(book.entries).toHaveLength(450 + 100 + 1);
    const entriesOf = (p: Person) => book.entries.filter((e) => e.kind !== 'group' && e.name === p.name);
    for (const p of PEOPLE_LIST) {
      const expected = [
        ...(p.mail === null ? [] : [{ kind: 'email', name: p.name, reading: p.reading, address: p.mail }]),
        ...(p.fax === null ? [] : [{ kind: 'fax', name: p.name, reading: p.reading, faxNumber: p.fax }]),
      ];
      expect(entriesOf(p), p.dn).toMatchObject(expected);
    }
    const groupEntry = book.entries.find((e) => e.kind === 'group');
    const memberNumbers = GROUP_MEMBERS.map((n) => entriesOf(person(n)).find((e) => e.kind === 'email')?.number);
    expect(groupEntry).toMatchObject({ kind: 'group', name: GROUP_NAME, members: memberNumbers });
  });

  it('reads over StartTLS checked against the CA, over LDAPS without checking, and over plain LDAP to this machine', async () => {
    for (const overrides of [
      { security: 'starttls', port: ldapPort },
      { security: 'ldaps', verifyCertificate: false, caCertificate: '' },
      { security: 'none', port: ldapPort, caCertificate: '' },
    ] as const) {
      const result = await readDirectory(connection({ ...overrides, pageSize: 200 }), READER_PASSWORD);
      expectRead(result);
      expect([overrides.security, result.records.length, result.pages]).toEqual([overrides.security, PEOPLE_COUNT + 1, 3]);
    }
  });

  it('says so when the directory refuses the bind password, and sends no search; without a password it does not connect', async () => {
    const result = await readDirectory(connection(), 'not-the-password');
    expect(result).toMatchObject({ ok: false, code: 'bind', step: 'bind', message: 'the directory refused the bind DN or password', records: [], pages: 0 });
    expect(result.book).toMatchObject({ entries: [], problems: [{ line: 0, message: 'the directory refused the bind DN or password' }] });
    const accepted = slapd.accepted();
    expect(await readDirectory(connection(), null)).toMatchObject({ ok: false, code: 'settings', message: 'the connection has a bind DN but no password: enter the bind password' });
    expect(slapd.accepted()).toBe(accepted);
  });

  it('says so when the base DN does not exist', async () => {
    const result = await readDirectory(connection({ baseDn: `ou=nowhere,${SUFFIX}` }), READER_PASSWORD);
    expect(result).toMatchObject({ ok: false, code: 'base', message: `the base DN ou=nowhere,${SUFFIX} does not exist on the directory (or this account may not see it): check the base DN` });
  });

  it('ends the read at the size limit with a message, keeping only the first entries', async () => {
    const result = await readDirectory(connection({ sizeLimit: 120 }), READER_PASSWORD);
    expect(result).toMatchObject({
      ok: false,
      code: 'size-limit',
      message: "more than 120 entries match (the connection's size limit): nothing is imported. Narrow the filter or the base DN, or raise the size limit.",
    });
    expect(result.records).toHaveLength(120);
    expect(result.pages).toBe(3);
    expect(result.book.entries).toEqual([]);
  });

  it("says so when the directory's own size limit ends the search, instead of importing part of it", async () => {
    // slapd's limit counts the entries of all pages of a paged search.
    const limited = await startSlapd({ suffix: SUFFIX, ldif: ldif(150), attributeOptions: ['phonetic'], sizeLimit: 100 });
    try {
      const result = await readDirectory(connection({ security: 'none', port: portOf(limited.url), caCertificate: '' }), READER_PASSWORD);
      expect(result).toMatchObject({
        ok: false,
        code: 'size-limit',
        message: "after 100 entries, the directory stopped the search at its own size limit: narrow the filter or the base DN, or ask the directory's administrator to allow the bind DN more. Nothing is imported.",
      });
    } finally {
      await limited.stop();
    }
  });

  it('stops when its signal aborts between pages', async () => {
    const controller = new AbortController();
    const result = await readDirectory(connection(), READER_PASSWORD, { signal: controller.signal, onProgress: (p) => p.pages === 2 && controller.abort() });
    expect(result).toMatchObject({ ok: false, code: 'aborted', message: 'the directory read was cancelled', pages: 2 });
    expect(result.records).toHaveLength(100);
  });

  it('refuses a filter that is not LDAP before sending it', async () => {
    const result = await readDirectory({ ...connection(), filter: '(cn=a(b)' }, READER_PASSWORD);
    expect(result).toMatchObject({ ok: false, code: 'filter' });
    expect(result.ok ? '' : result.message).toMatch(/^the filter is not a valid LDAP filter/);
  });

  it('says plainly when the certificate is not trusted, or names another server', async () => {
    const untrusted = await readDirectory(connection({ caCertificate: '' }), READER_PASSWORD);
    expect(untrusted).toMatchObject({
      ok: false,
      code: 'tls',
      step: 'tls',
      message: "the server's certificate is not trusted: it is self-signed. Give the CA certificate that signed it, or (on a network you trust) turn certificate checking off.",
    });
    const otherName = await readDirectory(connection({ host: 'localhost' }), READER_PASSWORD);
    expect(otherName).toMatchObject({
      ok: false,
      code: 'tls',
      message: "the server's certificate is for another name: it does not name localhost (it names 127.0.0.1). Connect with a name the certificate lists.",
    });
    const startTls = await readDirectory(connection({ security: 'starttls', port: ldapPort, caCertificate: '' }), READER_PASSWORD);
    expect(startTls).toMatchObject({ ok: false, code: 'tls', step: 'tls' });
  });

  it('gives up on a server that accepts the connection and never answers, within the time-out', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const started = performance.now();
      const tls = await readDirectory(connection({ port, timeoutMs: 1_000 }), READER_PASSWORD);
      expect(tls).toMatchObject({ ok: false, code: 'tls', message: `no TLS answer from 127.0.0.1:${port} within 1 s: the port may speak plain LDAP (LDAPS is usually on 636; on 389 choose StartTLS)` });
      const bind = await readDirectory(connection({ port, security: 'none', caCertificate: '', timeoutMs: 1_000 }), READER_PASSWORD);
      expect(bind).toMatchObject({ ok: false, code: 'timeout', message: 'the directory did not answer within 1 s (at the bind step): try again, or give a longer time-out' });
      expect(performance.now() - started).toBeLessThan(4_000);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('tests a connection step by step: first page count, more pages, a sample of names', async () => {
    const result = await testDirectoryConnection(connection(), READER_PASSWORD);
    expect(result.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`)).toEqual(['settings:ok', 'connect:ok', 'tls:ok', 'bind:ok', 'base:ok', 'search:ok']);
    expect(result.steps.find((s) => s.step === 'tls')?.message).toMatch(/^TLSv1\.[23], certificate "printdeck-test-ldap" trusted and matching the server name$/);
    expect(result.steps.find((s) => s.step === 'search')?.message).toBe('50 matching entries on the first page, more on the following pages');
    expect(result).toMatchObject({ ok: true, firstPageCount: 50, morePages: true, warnings: [] });
    expect(result.sample).toHaveLength(5);
    const names = new Set(PEOPLE_LIST.map((p) => p.name));
    for (const name of result.sample) expect(names.has(name), name).toBe(true);
  });

  it('tests a connection whose whole result fits on the first page', async () => {
    const result = await testDirectoryConnection({ ...connection(), filter: '(objectClass=groupOfNames)', security: 'starttls', port: ldapPort }, READER_PASSWORD);
    expect(result).toMatchObject({ ok: true, firstPageCount: 1, morePages: false, sample: [GROUP_NAME] });
    expect(result.steps.find((s) => s.step === 'search')?.message).toBe('1 matching entry, all on the first page');
  });

  it('reports the failed step and stops there: refused port, wrong password, missing base, no match, bad settings', async () => {
    const closedPort = await freePort();
    const cases: { settings: DirectoryConnectionSettingsInput; password: string | null; steps: string; message: string | RegExp }[] = [
      { settings: connection({ port: closedPort }), password: READER_PASSWORD, steps: 'settings:ok connect:failed', message: `127.0.0.1:${closedPort} refused the connection: nothing listens on port ${closedPort} (check the port, and that the directory's LDAP service runs)` },
      { settings: connection(), password: 'wrong', steps: 'settings:ok connect:ok tls:ok bind:failed', message: 'the directory refused the bind DN or password' },
      { settings: connection({ baseDn: `ou=nowhere,${SUFFIX}` }), password: READER_PASSWORD, steps: 'settings:ok connect:ok tls:ok bind:ok base:failed', message: /^the base DN ou=nowhere,dc=printdeck,dc=test does not exist/ },
      { settings: connection({ filter: '(objectClass=printer)' }), password: READER_PASSWORD, steps: 'settings:ok connect:ok tls:ok bind:ok base:ok search:failed', message: /^no entry below dc=printdeck,dc=test matches \(objectClass=printer\)/ },
      { settings: connection(), password: null, steps: 'settings:failed', message: 'the connection has a bind DN but no password: enter the bind password' },
      { settings: { ...connection(), host: 'ldap.example.com:636' }, password: READER_PASSWORD, steps: 'settings:failed', message: 'host: give the port in the port field, not after the server name' },
    ];
    for (const { settings, password, steps, message } of cases) {
      const result = await testDirectoryConnection(settings, password);
      expect(result.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`).join(' ')).toBe(steps);
      expect(result.ok).toBe(false);
      expect(result.steps.at(-1)?.message).toMatch(message);
    }
  });
});
