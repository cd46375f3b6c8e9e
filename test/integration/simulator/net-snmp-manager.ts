import * as snmp from 'net-snmp';
import type { SnmpValue, VarBind } from '../../../src-shared/snmp/snmp-value';
import type { SnmpAuthProtocol, SnmpPrivProtocol, SnmpSecurityLevel } from '../../../src-main/core/snmp/snmp-client';

/**
 * net-snmp as an independent SNMP manager for simulator tests: promise wrappers and a
 * conversion of its raw varbinds to our SnmpValue so that results compare with snmprec data.
 */

export interface Endpoint {
  address: string;
  port: number;
}

export function v2cSession(at: Endpoint, community = 'public', options: { timeout?: number; v1?: boolean } = {}): snmp.Session {
  const session = snmp.createSession(at.address, community, {
    port: at.port,
    version: options.v1 ? snmp.Version1 : snmp.Version2c,
    timeout: options.timeout ?? 1000,
    retries: 0,
  });
  session.on('error', () => undefined);
  return session;
}

export interface V3User {
  name: string;
  level: SnmpSecurityLevel;
  authProtocol?: SnmpAuthProtocol;
  authKey?: string;
  privProtocol?: SnmpPrivProtocol;
  privKey?: string;
}

export function v3Session(at: Endpoint, user: V3User, options: { timeout?: number; context?: string } = {}): snmp.Session {
  const session = snmp.createV3Session(
    at.address,
    {
      name: user.name,
      level: snmp.SecurityLevel[user.level],
      authProtocol: user.authProtocol ? snmp.AuthProtocols[user.authProtocol] : undefined,
      authKey: user.authKey,
      privProtocol: user.privProtocol ? snmp.PrivProtocols[user.privProtocol] : undefined,
      privKey: user.privKey,
    },
    { port: at.port, timeout: options.timeout ?? 1000, retries: 0, context: options.context ?? '' },
  );
  session.on('error', () => undefined);
  return session;
}

function call<T>(start: (cb: snmp.ResponseCallback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value as T))));
}

export async function get(session: snmp.Session, oids: string[]): Promise<VarBind[]> {
  return (await call<snmp.RawVarbind[]>((cb) => session.get(oids, cb))).map(toVarBind);
}

export async function getNext(session: snmp.Session, oids: string[]): Promise<VarBind[]> {
  return (await call<snmp.RawVarbind[]>((cb) => session.getNext(oids, cb))).map(toVarBind);
}

/** GetBulk, flattened in the order the agent sent the varbinds. */
export async function getBulk(session: snmp.Session, oids: string[], nonRepeaters: number, maxRepetitions: number): Promise<VarBind[]> {
  const rows = await call<Array<snmp.RawVarbind | snmp.RawVarbind[]>>((cb) => session.getBulk(oids, nonRepeaters, maxRepetitions, cb));
  const nonRep = rows.slice(0, nonRepeaters) as snmp.RawVarbind[];
  const reps = rows.slice(nonRepeaters) as snmp.RawVarbind[][];
  // net-snmp regroups repetitions by column; restore row order (r0c0, r0c1, r1c0 …).
  const out: snmp.RawVarbind[] = [...nonRep];
  const depth = Math.max(0, ...reps.map((c) => c.length));
  for (let r = 0; r < depth; r++) for (const column of reps) if (column[r]) out.push(column[r] as snmp.RawVarbind);
  return out.map(toVarBind);
}

export async function set(session: snmp.Session, varbinds: snmp.RawVarbind[]): Promise<VarBind[]> {
  return (await call<snmp.RawVarbind[]>((cb) => session.set(varbinds, cb))).map(toVarBind);
}

/** Every varbind after `root` up to the end of the MIB, by GetBulk (v2c/v3) or GetNext (v1). */
export async function walkAll(session: snmp.Session, options: { v1?: boolean; root?: string; limit?: number } = {}): Promise<VarBind[]> {
  const out: VarBind[] = [];
  let oid = options.root ?? '1.3';
  for (let step = 0; step < (options.limit ?? 5000); step++) {
    const batch = options.v1 ? await getNext(session, [oid]).catch(() => []) : await getBulk(session, [oid], 0, 25);
    const values = batch.filter((vb) => vb.value.type !== 'EndOfMibView');
    out.push(...values);
    if (values.length === 0 || values.length < batch.length) return out;
    oid = (values[values.length - 1] as VarBind).oid;
  }
  throw new Error('walk did not end');
}

export function close(...sessions: snmp.Session[]): void {
  for (const s of sessions) s.close();
}

/** net-snmp's varbind as our SnmpValue (Counter64 arrives as raw bytes). */
export function toVarBind(raw: snmp.RawVarbind): VarBind {
  return { oid: raw.oid, value: toValue(raw) };
}

function toValue(raw: snmp.RawVarbind): SnmpValue {
  const T = snmp.ObjectType;
  const v = raw.value;
  switch (raw.type) {
    case T.Integer:
      return { type: 'Integer', value: v as number };
    case T.OctetString:
      return { type: 'OctetString', value: new Uint8Array(v as Buffer) };
    case T.Opaque:
      return { type: 'Opaque', value: new Uint8Array(v as Buffer) };
    case T.Null:
      return { type: 'Null', value: null };
    case T.OID:
      return { type: 'ObjectIdentifier', value: v as string };
    case T.IpAddress:
      return { type: 'IpAddress', value: v as string };
    case T.Counter:
      return { type: 'Counter32', value: v as number };
    case T.Gauge:
      return { type: 'Gauge32', value: v as number };
    case T.TimeTicks:
      return { type: 'TimeTicks', value: v as number };
    case T.Counter64:
      return { type: 'Counter64', value: BigInt(`0x${(v as Buffer).toString('hex') || '0'}`) };
    case T.NoSuchObject:
      return { type: 'NoSuchObject', value: null };
    case T.NoSuchInstance:
      return { type: 'NoSuchInstance', value: null };
    case T.EndOfMibView:
      return { type: 'EndOfMibView', value: null };
    default:
      throw new Error(`unexpected net-snmp type ${raw.type}`);
  }
}

/** A comparable text form of a value ("OctetString:68656c6c6f"). */
export function show(value: SnmpValue): string {
  switch (value.type) {
    case 'OctetString':
    case 'Opaque':
      return `${value.type}:${Buffer.from(value.value).toString('hex')}`;
    case 'Counter64':
      return `${value.type}:${value.value.toString()}`;
    default:
      return `${value.type}:${String(value.value)}`;
  }
}

/** net-snmp's ObjectType code for `name` ("OctetString", "Integer" …); throws for an unknown name. */
export function objectType(name: string): number {
  const code = snmp.ObjectType[name];
  if (code === undefined) throw new Error(`net-snmp has no ObjectType ${name}`);
  return code;
}
