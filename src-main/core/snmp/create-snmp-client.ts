import { CommunityClient } from './community-client';
import { createNetSnmpClient } from './net-snmp-client';
import type { SnmpClient, SnmpClientStats, SnmpTarget, WalkOptions } from './snmp-client';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';

/**
 * The SNMP client the core uses: v1/v2c on our own wire code (community-client.ts: no session
 * per device, a request is one buffer), SNMPv3 on net-snmp (USM, keys, engine discovery).
 * Creating it never throws or binds; sockets open on first use.
 */

export interface SnmpClientOptions {
  /** Local address of the sockets (default: all interfaces). */
  bindAddress?: string;
  /** An SNMPv3 session unused this long is closed (default 10,000 ms). */
  sessionIdleMs?: number;
}

class VersionRoutedClient implements SnmpClient {
  constructor(
    private readonly community: SnmpClient,
    private readonly v3: SnmpClient,
  ) {}

  get(target: SnmpTarget, oids: readonly string[]): Promise<VarBind[]> {
    return this.pick(target).get(target, oids);
  }

  getNext(target: SnmpTarget, oids: readonly string[]): Promise<VarBind[]> {
    return this.pick(target).getNext(target, oids);
  }

  getBulk(target: SnmpTarget, oids: readonly string[], nonRepeaters: number, maxRepetitions: number): Promise<VarBind[]> {
    return this.pick(target).getBulk(target, oids, nonRepeaters, maxRepetitions);
  }

  walk(target: SnmpTarget, root: string, options?: WalkOptions): Promise<VarBind[]> {
    return this.pick(target).walk(target, root, options);
  }

  walkColumns(target: SnmpTarget, columns: readonly string[], options?: WalkOptions): Promise<VarBind[]> {
    return this.pick(target).walkColumns(target, columns, options);
  }

  set(target: SnmpTarget, varbinds: readonly VarBind[]): Promise<VarBind[]> {
    return this.pick(target).set(target, varbinds);
  }

  release(target: SnmpTarget): void {
    this.pick(target).release?.(target);
  }

  stats(): SnmpClientStats {
    const a = this.community.stats();
    const b = this.v3.stats();
    return {
      requests: a.requests + b.requests,
      bytesSent: a.bytesSent + b.bytesSent,
      bytesReceived: a.bytesReceived + b.bytesReceived,
      timeouts: a.timeouts + b.timeouts,
      sockets: (a.sockets ?? 0) + (b.sockets ?? 0),
      sessions: (a.sessions ?? 0) + (b.sessions ?? 0),
      strayDatagrams: (a.strayDatagrams ?? 0) + (b.strayDatagrams ?? 0),
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.community.close(), this.v3.close()]);
  }

  private pick(target: SnmpTarget): SnmpClient {
    return target.version === 'v3' ? this.v3 : this.community;
  }
}

/** v1/v2c on our wire code, v3 on net-snmp, behind one SnmpClient. */
export function createSnmpClient(options: SnmpClientOptions = {}): SnmpClient {
  const community = new CommunityClient(options.bindAddress === undefined ? {} : { bindAddress: options.bindAddress });
  return new VersionRoutedClient(community, createNetSnmpClient(options));
}
