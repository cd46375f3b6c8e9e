import { describe, expect, it } from 'vitest';
import type { QueryPacket } from 'multicast-dns';
import { answerQuery, buildInstanceRecords, type SimulatedMdnsService } from '../../../src-main/simulator/mdns-responder-answers';

const LOBBY: SimulatedMdnsService = { instance: 'Lobby MFP', service: '_ipp._tcp', host: 'lobby', address: '127.98.9.1', port: 631, txt: { rp: 'ipp/print' } };
const LAB: SimulatedMdnsService = { instance: 'Lab', service: '_printer._tcp.local', host: 'lab.local', address: '127.98.9.2', port: 515 };
const RECORDS = [buildInstanceRecords(LOBBY, 'services[0]'), buildInstanceRecords(LAB, 'services[1]')];

function aQuery(questions: QueryPacket['questions'], answers: QueryPacket['answers'] = []): Pick<QueryPacket, 'questions' | 'answers'> {
  return { questions, answers };
}

/** "TYPE name" of each record, for short comparisons. */
const names = (records: ReadonlyArray<{ type: string; name: string }>): string[] => records.map((record) => `${record.type} ${record.name}`);

describe('answerQuery', () => {
  it('answers a PTR question from the device that offers the service, with SRV, TXT and A as additionals', () => {
    const responses = answerQuery(RECORDS, aQuery([{ name: '_IPP._tcp.local', type: 'PTR' }]), true);
    expect([...responses.keys()]).toEqual(['127.98.9.1']);
    const response = responses.get('127.98.9.1');
    expect(response?.answers).toEqual([{ type: 'PTR', name: '_ipp._tcp.local', ttl: 4500, data: 'Lobby MFP._ipp._tcp.local' }]);
    expect(names(response?.additionals ?? [])).toEqual(['SRV Lobby MFP._ipp._tcp.local', 'TXT Lobby MFP._ipp._tcp.local', 'A lobby.local']);
    expect(response?.additionals[1]).toMatchObject({ data: ['rp=ipp/print'] });
  });

  it('leaves additionals out when asked to, so that browsers must ask for them', () => {
    const response = answerQuery(RECORDS, aQuery([{ name: '_printer._tcp.local', type: 'PTR' }]), false).get('127.98.9.2');
    expect(names(response?.answers ?? [])).toEqual(['PTR _printer._tcp.local']);
    expect(response?.additionals).toEqual([]);
  });

  it('answers SRV, TXT and A questions, and does not repeat an answer as an additional', () => {
    const query = aQuery([
      { name: 'Lab._printer._tcp.local', type: 'SRV' },
      { name: 'lab._printer._tcp.local', type: 'TXT' },
      { name: 'LAB.local', type: 'A' },
    ]);
    const response = answerQuery(RECORDS, query, true).get('127.98.9.2');
    expect(names(response?.answers ?? [])).toEqual(['SRV Lab._printer._tcp.local', 'TXT Lab._printer._tcp.local', 'A lab.local']);
    expect(response?.additionals).toEqual([]);
    expect(response?.answers[1]).toMatchObject({ data: [''] });
  });

  it('answers service enumeration and wildcard (QTYPE 255) questions', () => {
    const enumeration = answerQuery(RECORDS, aQuery([{ name: '_services._dns-sd._udp.local', type: 'PTR' }]), true);
    expect(enumeration.get('127.98.9.1')?.answers).toMatchObject([{ data: '_ipp._tcp.local' }]);
    expect(enumeration.get('127.98.9.2')?.answers).toMatchObject([{ data: '_printer._tcp.local' }]);
    const wildcard = answerQuery(RECORDS, aQuery([{ name: 'Lobby MFP._ipp._tcp.local', type: 'ANY' as 'A' }]), true);
    expect(names(wildcard.get('127.98.9.1')?.answers ?? [])).toEqual(['SRV Lobby MFP._ipp._tcp.local', 'TXT Lobby MFP._ipp._tcp.local']);
  });

  it('leaves out PTR answers the querier already knows with at least half their TTL left', () => {
    const question = [{ name: '_ipp._tcp.local', type: 'PTR' as const }];
    const fresh = aQuery(question, [{ type: 'PTR', name: '_ipp._tcp.local', ttl: 4000, data: 'lobby mfp._ipp._tcp.local' }]);
    expect(answerQuery(RECORDS, fresh, true).size).toBe(0);
    const stale = aQuery(question, [{ type: 'PTR', name: '_ipp._tcp.local', ttl: 1000, data: 'Lobby MFP._ipp._tcp.local' }]);
    expect(answerQuery(RECORDS, stale, true).size).toBe(1);
  });

  it('is silent for names it does not hold', () => {
    expect(answerQuery(RECORDS, aQuery([{ name: '_ipps._tcp.local', type: 'PTR' }, { name: 'other.local', type: 'A' }]), true).size).toBe(0);
  });
});

describe('buildInstanceRecords', () => {
  it('rejects bad services, naming the field', () => {
    expect(() => buildInstanceRecords({ ...LOBBY, instance: 'HP 4.0' }, 'services[3]')).toThrow(/services\[3\]\.instance "HP 4.0" must be 1–63 bytes without dots/);
    expect(() => buildInstanceRecords({ ...LOBBY, address: '192.168.1.5' }, 'services[0]')).toThrow(/services\[0\]\.address "192.168.1.5" is not an IPv4 loopback address/);
    expect(() => buildInstanceRecords({ ...LOBBY, host: 'bad host' }, 'services[0]')).toThrow(/services\[0\]\.host "bad host"/);
    expect(() => buildInstanceRecords({ ...LOBBY, port: 70000 }, 'services[0]')).toThrow(/services\[0\]\.port 70000/);
    expect(() => buildInstanceRecords({ ...LOBBY, service: '_ipp' }, 'services[0]')).toThrow(/services\[0\]\.service: "_ipp" is not a DNS-SD service type/);
  });
});
