import type { QueryPacket, ResponseOutgoingPacket } from 'multicast-dns';
import { normaliseServiceType, SERVICE_ENUMERATION_NAME } from '../core/discovery/mdns/dns-sd-names';
import { formatTxtRecord } from '../core/discovery/mdns/dns-sd-txt';

type Answer = ResponseOutgoingPacket['answers'][number];

/** One DNS-SD service instance a simulated printer advertises. */
export interface SimulatedMdnsService {
  /** Instance label, e.g. "Lobby MFP" (no dots: dns-packet would split it into labels). */
  instance: string;
  /** Service type, e.g. "_ipp._tcp" or "_ipp._tcp.local". */
  service: string;
  /** SRV target, e.g. "lobby-mfp.local" (".local" is added when missing). */
  host: string;
  /** The device's own IPv4 loopback address: the A record, and the source of its replies. */
  address: string;
  /** SRV port, e.g. 631. */
  port: number;
  txt?: Record<string, string>;
}

/** RFC 6762 §10: 120 s for records naming a host (SRV, A), 75 minutes for the others. */
const HOST_TTL = 120;
const OTHER_TTL = 4500;

/** The records of one instance, built once. */
export interface InstanceRecords {
  address: string;
  serviceKey: string;
  instanceKey: string;
  hostKey: string;
  ptr: Answer;
  srv: Answer;
  txt: Answer;
  a: Answer;
  enumeration: Answer;
}

/** Checks a simulated service and builds its records; throws a RangeError naming the field. */
export function buildInstanceRecords(spec: SimulatedMdnsService, where: string): InstanceRecords {
  let service: string;
  try {
    service = normaliseServiceType(spec.service);
  } catch (error) {
    throw new RangeError(`${where}.service: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (spec.instance === '' || spec.instance.includes('.') || Buffer.byteLength(spec.instance) > 63) {
    throw new RangeError(`${where}.instance "${spec.instance}" must be 1–63 bytes without dots`);
  }
  const host = spec.host.toLowerCase().endsWith('.local') ? spec.host : `${spec.host}.local`;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(host)) throw new RangeError(`${where}.host "${spec.host}" is not a host name`);
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(spec.address)) throw new RangeError(`${where}.address "${spec.address}" is not an IPv4 loopback address`);
  if (!Number.isInteger(spec.port) || spec.port < 0 || spec.port > 65535) throw new RangeError(`${where}.port ${spec.port} is outside 0–65535`);
  const name = `${spec.instance}.${service}`;
  return {
    address: spec.address,
    serviceKey: service,
    instanceKey: name.toLowerCase(),
    hostKey: host.toLowerCase(),
    ptr: { type: 'PTR', name: service, ttl: OTHER_TTL, data: name },
    srv: { type: 'SRV', name, ttl: HOST_TTL, flush: true, data: { target: host, port: spec.port, priority: 0, weight: 0 } },
    txt: { type: 'TXT', name, ttl: OTHER_TTL, flush: true, data: formatTxtRecord(spec.txt ?? {}) },
    a: { type: 'A', name: host, ttl: HOST_TTL, flush: true, data: spec.address },
    enumeration: { type: 'PTR', name: SERVICE_ENUMERATION_NAME, ttl: OTHER_TTL, data: service },
  };
}

export interface DeviceResponse {
  answers: Answer[];
  additionals: Answer[];
}

/**
 * The response each device (by address) gives to a query: PTR (and service enumeration),
 * SRV, TXT, A and wildcard (QTYPE 255) questions for its records, with the records a browser needs next as
 * additionals (RFC 6763 §12) unless `withAdditionals` is false. PTR answers the querier lists
 * as known with at least half their TTL left are left out (RFC 6762 §7.1).
 */
export function answerQuery(records: readonly InstanceRecords[], query: Pick<QueryPacket, 'questions' | 'answers'>, withAdditionals: boolean): Map<string, DeviceResponse> {
  const known = new Set<string>();
  for (const answer of query.answers) {
    if (answer.type === 'PTR' && (answer.ttl ?? 0) >= OTHER_TTL / 2) known.add(`${answer.name.toLowerCase()} ${answer.data.toLowerCase()}`);
  }
  // Records are shared objects per instance, so sets of them drop repeats.
  const responses = new Map<string, { answers: Set<Answer>; additionals: Set<Answer> }>();
  const add = (device: string, section: 'answers' | 'additionals', record: Answer): void => {
    if (section === 'additionals' && !withAdditionals) return;
    let response = responses.get(device);
    if (response === undefined) {
      response = { answers: new Set(), additionals: new Set() };
      responses.set(device, response);
    }
    response[section].add(record);
  };
  for (const question of query.questions) {
    const name = question.name.toLowerCase();
    const type: string = question.type; // dns-packet names QTYPE 255 too, which its types omit
    const asks = (wanted: string): boolean => type === wanted || type === 'ANY';
    for (const record of records) {
      if (asks('PTR') && name === SERVICE_ENUMERATION_NAME) add(record.address, 'answers', record.enumeration);
      if (asks('PTR') && name === record.serviceKey && !known.has(`${name} ${record.instanceKey}`)) {
        add(record.address, 'answers', record.ptr);
        for (const extra of [record.srv, record.txt, record.a]) add(record.address, 'additionals', extra);
      }
      if (asks('SRV') && name === record.instanceKey) {
        add(record.address, 'answers', record.srv);
        add(record.address, 'additionals', record.a);
      }
      if (asks('TXT') && name === record.instanceKey) add(record.address, 'answers', record.txt);
      if (asks('A') && name === record.hostKey) add(record.address, 'answers', record.a);
    }
  }
  const result = new Map<string, DeviceResponse>();
  for (const [device, { answers, additionals }] of responses) {
    if (answers.size === 0) continue;
    // Additionals already among the answers go once only (RFC 6762 §6).
    result.set(device, { answers: [...answers], additionals: [...additionals].filter((record) => !answers.has(record)) });
  }
  return result;
}
