import { describe, expect, it } from 'vitest';
import { DnsSdInstanceTable, type MdnsRecord } from '../../../src-main/core/discovery/mdns/dns-sd-instance-table';

const IPP = '_ipp._tcp.local';
const LPD = '_printer._tcp.local';

const ptr = (service: string, instance: string, ttl = 4500): MdnsRecord => ({ type: 'PTR', name: service, ttl, data: instance });
const srv = (name: string, target: string, port: number): MdnsRecord => ({ type: 'SRV', name, ttl: 120, data: { target, port } });
const txt = (name: string, ...strings: string[]): MdnsRecord => ({ type: 'TXT', name, ttl: 4500, data: strings.map((s) => Buffer.from(s)) });
const a = (name: string, address: string): MdnsRecord => ({ type: 'A', name, ttl: 120, data: address });
const aaaa = (name: string, address: string): MdnsRecord => ({ type: 'AAAA', name, ttl: 120, data: address });

/** The four records of one instance, as a DNS-SD responder sends them. */
function anInstance(label: string, service: string, host: string, address: string, port: number): MdnsRecord[] {
  const name = `${label}.${service}`;
  return [ptr(service, name), srv(name, host, port), txt(name, `ty=${label}`), a(host, address)];
}

describe('DnsSdInstanceTable', () => {
  it('assembles PTR, SRV, TXT and A from one response into a finding', () => {
    const table = new DnsSdInstanceTable([IPP]);
    expect(table.add(anInstance('Lobby MFP', IPP, 'lobby.local', '10.0.0.5', 631), '10.0.0.5')).toEqual([]);
    expect(table.takeComplete()).toEqual([
      { address: '10.0.0.5', instance: 'Lobby MFP', service: IPP, host: 'lobby.local', port: 631, txt: { ty: 'Lobby MFP' }, replier: '10.0.0.5' },
    ]);
  });

  it('assembles records arriving in separate responses, in reverse order, with names in other cases', () => {
    const table = new DnsSdInstanceTable([IPP]);
    table.add([a('LOBBY.local', '10.0.0.5')], '10.0.0.9');
    table.add([txt('lobby mfp._ipp._tcp.local', 'rp=ipp/print')], '10.0.0.9');
    expect(table.takeComplete()).toEqual([]);
    table.add([srv('Lobby MFP._IPP._tcp.local', 'lobby.local', 631)], '10.0.0.5');
    expect(table.takeComplete()).toEqual([]); // no PTR yet: nothing is browsed without one
    table.add([ptr(IPP, 'Lobby MFP._ipp._tcp.local')], '10.0.0.9');
    const [finding] = table.takeComplete();
    expect(finding).toMatchObject({ address: '10.0.0.5', instance: 'Lobby MFP', host: 'lobby.local', txt: { rp: 'ipp/print' }, replier: '10.0.0.5' });
  });

  it('returns each instance once, however often its records are repeated', () => {
    const table = new DnsSdInstanceTable([IPP]);
    const records = anInstance('Lobby', IPP, 'lobby.local', '10.0.0.5', 631);
    table.add(records, '10.0.0.5');
    expect(table.takeComplete()).toHaveLength(1);
    table.add(records, '10.0.0.5');
    table.add([ptr(IPP, 'LOBBY._ipp._tcp.local')], '10.0.0.6');
    expect(table.takeComplete()).toEqual([]);
    expect(table.takeRemaining()).toEqual({ findings: [], unresolved: [] });
  });

  it('keeps one finding per service instance: a printer offering IPP and LPD gives two', () => {
    const table = new DnsSdInstanceTable([IPP, LPD]);
    table.add([...anInstance('Lobby', IPP, 'lobby.local', '10.0.0.5', 631), ...anInstance('Lobby', LPD, 'lobby.local', '10.0.0.5', 515)], '10.0.0.5');
    expect(table.takeComplete().map((f) => [f.service, f.port])).toEqual([
      [IPP, 631],
      [LPD, 515],
    ]);
  });

  it('skips records of services it does not browse, without calling them problems', () => {
    const table = new DnsSdInstanceTable([IPP]);
    expect(table.add([...anInstance('Lobby', LPD, 'lobby.local', '10.0.0.5', 515), ptr('_http._tcp.local', 'Web._http._tcp.local')], '10.0.0.5')).toEqual([]);
    expect(table.takeComplete()).toEqual([]);
    expect(table.takeRemaining()).toEqual({ findings: [], unresolved: [] });
  });

  it('reports records of its services that cannot be used', () => {
    const table = new DnsSdInstanceTable([IPP]);
    const problems = table.add([ptr(IPP, 'Lobby._ipps._tcp.local'), srv('Gone._ipp._tcp.local', '.', 631), srv('Zero._ipp._tcp.local', 'zero.local', 0)], '10.0.0.5');
    expect(problems).toEqual([
      'PTR record of _ipp._tcp.local points to "Lobby._ipps._tcp.local", which is not an instance of that service',
      'SRV record of "Gone._ipp._tcp.local" has target "." and port 631: not a usable service location',
      'SRV record of "Zero._ipp._tcp.local" has target "zero.local" and port 0: not a usable service location',
    ]);
  });

  it('skips goodbye records (TTL 0)', () => {
    const table = new DnsSdInstanceTable([IPP]);
    table.add([ptr(IPP, 'Leaving._ipp._tcp.local', 0)], '10.0.0.5');
    expect(table.takeRemaining()).toEqual({ findings: [], unresolved: [] });
  });

  it('waits for an IPv4 address; at the end falls back to IPv6, then to the replier, and TXT to {}', () => {
    const table = new DnsSdInstanceTable([IPP]);
    table.add([ptr(IPP, 'Six._ipp._tcp.local'), srv('Six._ipp._tcp.local', 'six.local', 631), txt('Six._ipp._tcp.local', 'a=1'), aaaa('six.local', 'fd00::5')], '10.0.0.6');
    table.add([ptr(IPP, 'Bare._ipp._tcp.local'), srv('Bare._ipp._tcp.local', 'bare.local', 631)], '10.0.0.7');
    expect(table.takeComplete()).toEqual([]);
    const { findings, unresolved } = table.takeRemaining();
    expect(unresolved).toEqual([]);
    expect(findings.map((f) => [f.instance, f.address, f.txt])).toEqual([
      ['Six', 'fd00::5', { a: '1' }],
      ['Bare', '10.0.0.7', {}],
    ]);
  });

  it('prefers IPv4 when a host has both kinds of address', () => {
    const table = new DnsSdInstanceTable([IPP]);
    table.add([aaaa('dual.local', 'fd00::9'), ...anInstance('Dual', IPP, 'dual.local', '10.0.0.9', 631)], '10.0.0.9');
    expect(table.takeComplete().map((f) => f.address)).toEqual(['10.0.0.9']);
  });

  it('ends with the instances that never got an SRV record as unresolved', () => {
    const table = new DnsSdInstanceTable([IPP]);
    table.add([ptr(IPP, 'Mute._ipp._tcp.local')], '10.0.0.8');
    expect(table.takeRemaining()).toEqual({
      findings: [],
      unresolved: [{ reason: 'instance "Mute" of _ipp._tcp.local was announced but no SRV record arrived', replier: '10.0.0.8' }],
    });
  });

  it('asks for the pieces pending instances lack, each at most maxAsks times', () => {
    const table = new DnsSdInstanceTable([IPP]);
    table.add([ptr(IPP, 'Lobby._ipp._tcp.local'), ptr(IPP, 'Lab._ipp._tcp.local'), srv('Lab._ipp._tcp.local', 'lab.local', 631)], '10.0.0.5');
    expect(table.missingQuestions(1)).toEqual([
      { name: 'Lobby._ipp._tcp.local', type: 'SRV' },
      { name: 'Lobby._ipp._tcp.local', type: 'TXT' },
      { name: 'Lab._ipp._tcp.local', type: 'TXT' },
      { name: 'lab.local', type: 'A' },
    ]);
    expect(table.missingQuestions(1)).toEqual([]);
    table.add([txt('Lab._ipp._tcp.local', 'x=1'), a('lab.local', '10.0.0.6')], '10.0.0.6');
    expect(table.missingQuestions(2).map((q) => `${q.type} ${q.name}`)).toEqual(['SRV Lobby._ipp._tcp.local', 'TXT Lobby._ipp._tcp.local']);
    expect(table.missingQuestions(2)).toEqual([]);
  });

  it('lists known PTR answers for known-answer suppression, up to a maximum', () => {
    const table = new DnsSdInstanceTable([IPP]);
    table.add([ptr(IPP, 'One._ipp._tcp.local', 4000), ptr(IPP, 'Two._ipp._tcp.local')], '10.0.0.5');
    expect(table.knownAnswers(10)).toEqual([
      { type: 'PTR', name: IPP, ttl: 4000, data: 'One._ipp._tcp.local' },
      { type: 'PTR', name: IPP, ttl: 4500, data: 'Two._ipp._tcp.local' },
    ]);
    expect(table.knownAnswers(1)).toHaveLength(1);
  });

  it('drops records beyond its limit and says so', () => {
    const table = new DnsSdInstanceTable([IPP], 2);
    const problems = table.add([ptr(IPP, 'A._ipp._tcp.local'), ptr(IPP, 'B._ipp._tcp.local'), ptr(IPP, 'C._ipp._tcp.local')], '10.0.0.5');
    expect(problems).toEqual(['more than 2 records of one kind; "c._ipp._tcp.local" dropped']);
    expect(table.takeRemaining().unresolved).toHaveLength(2);
  });

  it('refuses A and AAAA records that hold no address (dns-packet reads 3 bytes as "127.0.0.undefined") and waits for a good one', () => {
    const table = new DnsSdInstanceTable([IPP]);
    const [pointer, service, text] = anInstance('Short', IPP, 'short.local', '10.0.0.5', 631);
    const problems = table.add([pointer, service, text, a('short.local', '127.0.0.undefined'), aaaa('short.local', 'fe80::zz')] as MdnsRecord[], '10.0.0.5');
    expect(problems).toEqual([
      'A record of "short.local" holds no IPv4 address ("127.0.0.undefined")',
      'AAAA record of "short.local" holds no IPv6 address ("fe80::zz")',
    ]);
    expect(table.takeComplete()).toEqual([]);
    table.add([a('short.local', '10.0.0.6')], '10.0.0.6');
    expect(table.takeComplete()).toMatchObject([{ address: '10.0.0.6', instance: 'Short' }]);
  });
});
