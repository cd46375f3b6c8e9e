import { isIPv4, isIPv6 } from 'node:net';
import type { QueryOutgoingPacket, ResponsePacket } from 'multicast-dns';
import { instanceLabelOf } from './dns-sd-names';
import { parseTxtRecord } from './dns-sd-txt';

/** A resource record as multicast-dns decodes it. */
export type MdnsRecord = ResponsePacket['answers'][number];
/** A question as multicast-dns encodes it. */
export type MdnsQuestion = QueryOutgoingPacket['questions'][number];

/** One DNS-SD service instance of a printer, resolved to an address. */
export interface MdnsFinding {
  /** Where to reach the printer: IPv4 of the SRV target, else its IPv6, else `replier`. */
  address: string;
  /** Instance label as advertised, e.g. "Lobby MFP" (without the service type). */
  instance: string;
  /** Service type, normalised, e.g. "_ipp._tcp.local". */
  service: string;
  /** SRV target host name, e.g. "lobby-mfp.local". */
  host: string;
  /** SRV port of the service (631 for IPP, 9100 for raw, 515 for LPD …). */
  port: number;
  /** TXT key/value pairs ({} when no TXT record arrived in time). */
  txt: Record<string, string>;
  /** Source address of the reply that carried the SRV record. */
  replier: string;
}

export interface UnresolvedInstance {
  reason: string;
  replier: string;
}

interface Instance {
  name: string;
  label: string;
  service: string;
  replier: string;
  ttl: number;
  done: boolean;
}

interface Service {
  target: string;
  port: number;
  replier: string;
}

/** Entries kept per map: a busy network cannot grow a browse without bound. */
const DEFAULT_LIMIT = 4096;

/**
 * Assembles DNS-SD answers (PTR → SRV + TXT → A/AAAA) into findings, whatever order and
 * packets they arrive in. Pure: no sockets or timers. Names compare without case; the first
 * record of each kind wins; goodbye records (TTL 0) are skipped.
 */
export class DnsSdInstanceTable {
  private readonly instances = new Map<string, Instance>();
  private readonly services = new Map<string, Service>();
  private readonly texts = new Map<string, Record<string, string>>();
  private readonly ipv4 = new Map<string, string>();
  private readonly ipv6 = new Map<string, string>();
  private readonly asked = new Map<string, number>();

  /** `serviceTypes` must be normalised (see normaliseServiceType). */
  constructor(
    private readonly serviceTypes: readonly string[],
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  /**
   * Takes the records of one response (answers and additionals together). Records of other
   * services and other record types are skipped silently (they answer someone else's query);
   * returns one reason per record of ours that cannot be used.
   */
  add(records: readonly MdnsRecord[], replier: string): string[] {
    const problems: string[] = [];
    for (const record of records) {
      const problem = this.addRecord(record, replier);
      if (problem !== null) problems.push(problem);
    }
    return problems;
  }

  private addRecord(record: MdnsRecord, replier: string): string | null {
    const ttl = 'ttl' in record ? record.ttl : undefined;
    if (ttl === 0) return null; // a goodbye (RFC 6762 §10.1): nothing to learn
    const key = record.name.toLowerCase();
    switch (record.type) {
      case 'PTR':
        return this.addPointer(key, record.data, ttl ?? 0, replier);
      case 'SRV': {
        if (!this.isInstanceName(key) || this.services.has(key)) return null;
        const { target, port } = record.data;
        // RFC 2782: target "." says the service is not offered at this name.
        if (typeof target !== 'string' || target === '' || target === '.' || !Number.isInteger(port) || port < 1 || port > 65535) {
          return `SRV record of "${record.name}" has target "${String(target)}" and port ${String(port)}: not a usable service location`;
        }
        return this.remember(this.services, key, { target, port, replier });
      }
      case 'TXT':
        if (!this.isInstanceName(key) || this.texts.has(key)) return null;
        return this.remember(this.texts, key, parseTxtRecord(record.data));
      // dns-packet reads an address whatever the record's length says ("127.0.0.undefined" from 3 bytes).
      case 'A':
        if (typeof record.data !== 'string' || !isIPv4(record.data)) return `A record of "${record.name}" holds no IPv4 address (${describe(record.data)})`;
        return this.ipv4.has(key) ? null : this.remember(this.ipv4, key, record.data);
      case 'AAAA':
        if (typeof record.data !== 'string' || !isIPv6(record.data)) return `AAAA record of "${record.name}" holds no IPv6 address (${describe(record.data)})`;
        return this.ipv6.has(key) ? null : this.remember(this.ipv6, key, record.data);
      default:
        return null;
    }
  }

  private addPointer(serviceType: string, instanceName: string, ttl: number, replier: string): string | null {
    if (!this.serviceTypes.includes(serviceType)) return null;
    const label = instanceLabelOf(instanceName, serviceType);
    if (label === null) return `PTR record of ${serviceType} points to "${instanceName}", which is not an instance of that service`;
    const key = instanceName.toLowerCase();
    if (this.instances.has(key)) return null;
    return this.remember(this.instances, key, { name: instanceName, label, service: serviceType, replier, ttl, done: false });
  }

  private remember<T>(map: Map<string, T>, key: string, value: T): string | null {
    if (map.size >= this.limit) return `more than ${this.limit} records of one kind; "${key}" dropped`;
    map.set(key, value);
    return null;
  }

  private isInstanceName(name: string): boolean {
    return this.serviceTypes.some((service) => instanceLabelOf(name, service) !== null);
  }

  /**
   * Questions for what pending instances still lack (SRV, TXT, A of the SRV target), each
   * asked at most `maxAsks` times over the table's life; counts the ones returned as asked.
   */
  missingQuestions(maxAsks: number): MdnsQuestion[] {
    const questions: MdnsQuestion[] = [];
    const ask = (name: string, type: 'SRV' | 'TXT' | 'A'): void => {
      const key = `${type} ${name.toLowerCase()}`;
      const times = this.asked.get(key) ?? 0;
      if (times >= maxAsks) return;
      this.asked.set(key, times + 1);
      questions.push({ name, type });
    };
    for (const [key, instance] of this.instances) {
      if (instance.done) continue;
      const service = this.services.get(key);
      if (service === undefined) ask(instance.name, 'SRV');
      if (!this.texts.has(key)) ask(instance.name, 'TXT');
      if (service !== undefined && !this.ipv4.has(service.target.toLowerCase())) ask(service.target, 'A');
    }
    return questions;
  }

  /** PTR records already known, for known-answer suppression in repeated queries (RFC 6762 §7.1). */
  knownAnswers(max: number): MdnsRecord[] {
    const known: MdnsRecord[] = [];
    for (const instance of this.instances.values()) {
      if (known.length >= max) break;
      known.push({ type: 'PTR', name: instance.service, ttl: instance.ttl, data: instance.name });
    }
    return known;
  }

  /** Instances now complete (SRV, TXT and an IPv4 address), each returned once. */
  takeComplete(): MdnsFinding[] {
    const findings: MdnsFinding[] = [];
    for (const [key, instance] of this.instances) {
      const service = this.services.get(key);
      const txt = this.texts.get(key);
      const address = service && this.ipv4.get(service.target.toLowerCase());
      if (instance.done || service === undefined || txt === undefined || address === undefined) continue;
      instance.done = true;
      findings.push(toFinding(instance, service, txt, address));
    }
    return findings;
  }

  /**
   * Ends the table: every pending instance with an SRV record becomes a finding with what is
   * known (TXT {} when missing; address IPv4, else IPv6, else the replier's); the others are
   * returned as unresolved with a reason.
   */
  takeRemaining(): { findings: MdnsFinding[]; unresolved: UnresolvedInstance[] } {
    const findings: MdnsFinding[] = [];
    const unresolved: UnresolvedInstance[] = [];
    for (const [key, instance] of this.instances) {
      if (instance.done) continue;
      instance.done = true;
      const service = this.services.get(key);
      if (service === undefined) {
        const reason = `instance "${instance.label}" of ${instance.service} was announced but no SRV record arrived`;
        unresolved.push({ reason, replier: instance.replier });
        continue;
      }
      const host = service.target.toLowerCase();
      const address = this.ipv4.get(host) ?? this.ipv6.get(host) ?? service.replier;
      findings.push(toFinding(instance, service, this.texts.get(key) ?? {}, address));
    }
    return { findings, unresolved };
  }
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function toFinding(instance: Instance, service: Service, txt: Record<string, string>, address: string): MdnsFinding {
  return { address, instance: instance.label, service: instance.service, host: service.target, port: service.port, txt, replier: service.replier };
}
