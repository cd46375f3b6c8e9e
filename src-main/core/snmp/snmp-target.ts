import { SnmpError, type SnmpTarget } from './snmp-client';
import { isNumericOid } from '../../../src-shared/snmp/oid';

/** Defaults and checks of SnmpTarget, and the key under which its session is shared. */

export const DEFAULT_PORT = 161;
export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_RETRIES = 1;

// NUL cannot occur in a host name and practically never in a community: an unambiguous separator.
const SEP = '\u0000';

/**
 * The identity of the session a target needs: everything net-snmp fixes per Session.
 * Targets are read, never kept, so callers may build a fresh object per request. Never throws.
 */
export function sessionKey(t: SnmpTarget): string {
  const common = `${t.host}${SEP}${t.port ?? DEFAULT_PORT}${SEP}${t.timeoutMs ?? DEFAULT_TIMEOUT_MS}${SEP}${t.retries ?? DEFAULT_RETRIES}`;
  if (t.version !== 'v3') return `${t.version}${SEP}${common}${SEP}${t.community ?? 'public'}`;
  const u = t.v3;
  if (!u) return `v3${SEP}${common}`;
  return `v3${SEP}${common}${SEP}${u.user}${SEP}${u.level}${SEP}${u.authProtocol ?? ''}${SEP}${u.authKey ?? ''}${SEP}${u.privProtocol ?? ''}${SEP}${u.privKey ?? ''}${SEP}${u.context ?? ''}`;
}

/**
 * The same target in SNMP context `context`: SNMPv3 by contextName, v1/v2c by the community
 * "<community>@<context>" (the convention of Cisco, snmpsim and the agents LibreNMS reads
 * that way, HP JetDirect among them). Never throws.
 */
export function targetInContext(t: SnmpTarget, context: string): SnmpTarget {
  if (t.version === 'v3') return t.v3 ? { ...t, v3: { ...t.v3, context } } : t;
  return { ...t, community: `${t.community ?? 'public'}@${context}` };
}

/** Checks what net-snmp would misuse silently; throws SnmpError('invalid-argument') naming the field. */
export function validateTarget(t: SnmpTarget): void {
  const bad = (why: string): never => {
    throw new SnmpError('invalid-argument', `SNMP target ${t.host || '(no host)'}: ${why}`);
  };
  if (typeof t.host !== 'string' || t.host.length === 0 || t.host.includes(SEP)) bad('host is empty');
  if (t.port !== undefined && (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535)) bad(`port ${t.port} is not 1–65535`);
  if (t.timeoutMs !== undefined && (!Number.isFinite(t.timeoutMs) || t.timeoutMs <= 0)) bad(`timeoutMs ${t.timeoutMs} must be > 0`);
  if (t.retries !== undefined && (!Number.isInteger(t.retries) || t.retries < 0 || t.retries > 10)) bad(`retries ${t.retries} must be 0–10`);
  switch (t.version) {
    case 'v1':
    case 'v2c':
      return;
    case 'v3':
      break;
    default:
      bad(`unknown SNMP version "${String(t.version)}"`);
  }
  const u = t.v3;
  if (!u) return bad('SNMPv3 needs credentials (v3.user, v3.level)');
  if (!u.user) bad('SNMPv3 user name is empty');
  switch (u.level) {
    case 'noAuthNoPriv':
      return;
    case 'authNoPriv':
    case 'authPriv':
      if (!u.authProtocol || !u.authKey) bad(`security level ${u.level} needs authProtocol and authKey`);
      if (u.authKey && u.authKey.length < 8) bad('authKey must have at least 8 characters (RFC 3414)');
      if (u.level === 'authPriv' && (!u.privProtocol || !u.privKey)) bad('security level authPriv needs privProtocol and privKey');
      if (u.privKey && u.level === 'authPriv' && u.privKey.length < 8) bad('privKey must have at least 8 characters (RFC 3414)');
      return;
    default:
      bad(`unknown SNMPv3 security level "${String(u.level)}"`);
  }
}

/** The OIDs without leading dots (the same array when none had one); throws SnmpError('invalid-argument') for a non-numeric OID. */
export function checkOids(oids: readonly string[]): readonly string[] {
  let out: string[] | null = null;
  for (let i = 0; i < oids.length; i++) {
    const raw = oids[i] as string;
    const oid = raw.charCodeAt(0) === 46 ? raw.slice(1) : raw;
    if (!isNumericOid(oid)) throw new SnmpError('invalid-argument', `not a numeric OID: "${raw}"`);
    if (oid !== raw) (out ??= oids.slice(0, i)).push(oid);
    else if (out) out.push(oid);
  }
  return out ?? oids;
}
