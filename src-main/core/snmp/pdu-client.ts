import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { SnmpError, type SnmpClient, type SnmpClientStats, type SnmpTarget, type WalkOptions } from './snmp-client';
import { malformedError, type RequestContext } from './snmp-error-mapping';
import { checkOids } from './snmp-target';
import { walkColumns, type FetchRows } from './table-walker';
import { getSplittingTooBig } from './too-big-split';
import { getBulkEmulated, getNextRepaired, getRepaired } from './v1-emulation';
import { NO_SUCH_OBJECT_VALUE } from './varbind-conversion';

/**
 * The SnmpClient operations in terms of single PDUs: argument checks, SNMPv1 emulation and
 * walks. An adapter supplies `session` (a handle per target) and `send` (one PDU on it), so
 * this file knows nothing of the SNMP library underneath.
 */

export const PDU = { get: 0, getNext: 1, getBulk: 2, set: 3 } as const;
export type PduKind = (typeof PDU)[keyof typeof PDU];

/** What the operations need of a session handle. */
export interface PduSession {
  readonly ctx: RequestContext;
}

const DEFAULT_MAX_REPETITIONS = 20;
const DEFAULT_MAX_VARBINDS = 10_000;

export abstract class PduClient<S extends PduSession> implements SnmpClient {
  /** The session for `target`; throws SnmpError (invalid-argument, cancelled). */
  protected abstract session(target: SnmpTarget): S;

  /** One PDU; `setVarbinds` only for SET. Rejects with SnmpError. */
  protected abstract send(session: S, kind: PduKind, oids: readonly string[], nonRepeaters: number, maxRepetitions: number, setVarbinds?: readonly VarBind[]): Promise<VarBind[]>;

  abstract stats(): SnmpClientStats;
  abstract close(): Promise<void>;

  get(target: SnmpTarget, oids: readonly string[]): Promise<VarBind[]> {
    try {
      const session = this.session(target);
      const list = checkOids(oids);
      if (list.length === 0) return Promise.resolve([]);
      const one = (o: readonly string[]): Promise<VarBind[]> => this.send(session, PDU.get, o, 0, 0);
      return getSplittingTooBig(target.version === 'v1' ? (o) => getRepaired(one, o) : one, list);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  getNext(target: SnmpTarget, oids: readonly string[]): Promise<VarBind[]> {
    try {
      const session = this.session(target);
      const list = checkOids(oids);
      if (list.length === 0) return Promise.resolve([]);
      if (target.version === 'v1') return getNextRepaired((o) => this.send(session, PDU.getNext, o, 0, 0), list);
      return this.send(session, PDU.getNext, list, 0, 0);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  getBulk(target: SnmpTarget, oids: readonly string[], nonRepeaters: number, maxRepetitions: number): Promise<VarBind[]> {
    try {
      const session = this.session(target);
      const list = checkOids(oids);
      if (!Number.isInteger(nonRepeaters) || nonRepeaters < 0 || !Number.isInteger(maxRepetitions) || maxRepetitions < 0) {
        throw new SnmpError('invalid-argument', `GetBulk needs whole numbers ≥ 0, got nonRepeaters ${nonRepeaters}, maxRepetitions ${maxRepetitions}`);
      }
      if (list.length === 0) return Promise.resolve([]);
      const nonRepeating = Math.min(nonRepeaters, list.length);
      if (target.version === 'v1') {
        return getBulkEmulated((o) => this.send(session, PDU.getNext, o, 0, 0), list, nonRepeating, maxRepetitions);
      }
      return this.send(session, PDU.getBulk, list, nonRepeating, maxRepetitions);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  walk(target: SnmpTarget, root: string, options?: WalkOptions): Promise<VarBind[]> {
    return this.walkColumns(target, [root], options);
  }

  walkColumns(target: SnmpTarget, columns: readonly string[], options?: WalkOptions): Promise<VarBind[]> {
    try {
      const session = this.session(target);
      const list = checkOids(columns);
      if (list.length === 0) return Promise.resolve([]);
      const fetch: FetchRows = target.version === 'v1'
        ? (cursors) => getNextRepaired((o) => this.send(session, PDU.getNext, o, 0, 0), cursors)
        : (cursors, repetitions) => this.send(session, PDU.getBulk, cursors, 0, repetitions);
      return walkColumns(fetch, {
        columns: list,
        // A v1 GetNext brings one row whatever is asked: a tooBig must narrow the columns at once.
        repetitions: target.version === 'v1' ? 1 : options?.maxRepetitions ?? DEFAULT_MAX_REPETITIONS,
        maxVarbinds: options?.maxVarbinds ?? DEFAULT_MAX_VARBINDS,
        malformed: (why) => malformedError(session.ctx, why),
        probe: async (oid) => (await this.get(target, [oid]))[0] ?? { oid, value: NO_SUCH_OBJECT_VALUE },
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  set(target: SnmpTarget, varbinds: readonly VarBind[]): Promise<VarBind[]> {
    try {
      const session = this.session(target);
      const oids = checkOids(varbinds.map((vb) => vb.oid));
      if (oids.length === 0) return Promise.resolve([]);
      const normalised = varbinds.map((vb, i) => (vb.oid === oids[i] ? vb : { oid: oids[i] as string, value: vb.value }));
      return this.send(session, PDU.set, oids, 0, 0, normalised);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
