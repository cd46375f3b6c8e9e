import { parseHostPort } from '../../src-shared/net/host-port';
import type { SnmpAuthProtocol, SnmpPrivProtocol, SnmpSecurityLevel, SnmpTarget, SnmpVersion } from '../core/snmp/snmp-client';
import { CliError } from './cli-error';

/** Command-line options shared by every command that speaks SNMP. */
export const SNMP_OPTION_SPEC = {
  version: { type: 'string' },
  community: { type: 'string' },
  port: { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  'v3-user': { type: 'string' },
  'v3-level': { type: 'string' },
  'v3-auth-protocol': { type: 'string' },
  'v3-auth-key': { type: 'string' },
  'v3-priv-protocol': { type: 'string' },
  'v3-priv-key': { type: 'string' },
  'v3-context': { type: 'string' },
} as const;

export const SNMP_OPTION_HELP = `SNMP options:
  --version 1|2c|3           SNMP version (default 2c; 3 when --v3-user is given)
  --community C              v1/v2c community (default public)
  --port N                   UDP port when a target names none (default 161)
  --timeout MS               per-attempt timeout in ms (default 2000)
  --retries N                retries after the first attempt (default 1)
  --v3-user U                SNMPv3 user name
  --v3-level L               noAuthNoPriv | authNoPriv | authPriv (default: from the keys given)
  --v3-auth-protocol P       md5 | sha | sha224 | sha256 | sha384 | sha512 (default sha)
  --v3-auth-key K            authentication passphrase
  --v3-priv-protocol P       des | aes | aes256b | aes256r (default aes)
  --v3-priv-key K            privacy passphrase
  --v3-context C             SNMPv3 context name`;

export type SnmpOptionValues = Partial<Record<keyof typeof SNMP_OPTION_SPEC, string>>;

const AUTH: readonly SnmpAuthProtocol[] = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'];
const PRIV: readonly SnmpPrivProtocol[] = ['des', 'aes', 'aes256b', 'aes256r'];
const LEVELS: readonly SnmpSecurityLevel[] = ['noAuthNoPriv', 'authNoPriv', 'authPriv'];
const V3_ONLY_OPTIONS = ['v3-level', 'v3-auth-protocol', 'v3-auth-key', 'v3-priv-protocol', 'v3-priv-key', 'v3-context'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!found) throw new CliError(`--${option} "${value}" is not one of: ${allowed.join(', ')}`);
  return found;
}

function integer(value: string | undefined, option: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CliError(`--${option} "${value}" must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

/** Builds the SNMP target template (all but host/port) from options; throws CliError. */
export function snmpTemplate(values: SnmpOptionValues): Omit<SnmpTarget, 'host'> & { port: number } {
  const user = values['v3-user'];
  const versionText = values.version ?? (user !== undefined ? '3' : '2c');
  const version = ({ '1': 'v1', v1: 'v1', '2c': 'v2c', v2c: 'v2c', '2': 'v2c', '3': 'v3', v3: 'v3' } as Record<string, SnmpVersion>)[versionText.toLowerCase()];
  if (!version) throw new CliError(`--version "${versionText}" is not one of: 1, 2c, 3`);
  const port = integer(values.port, 'port', 1, 65535) ?? 161;
  const timeoutMs = integer(values.timeout, 'timeout', 10, 120_000) ?? 2000;
  const retries = integer(values.retries, 'retries', 0, 10) ?? 1;
  if (version !== 'v3') {
    if (user !== undefined) throw new CliError('--v3-user needs --version 3');
    // Ignoring them would read the device over v1/v2c when the user asked for SNMPv3 security.
    const stray = V3_ONLY_OPTIONS.find((option) => values[option] !== undefined);
    if (stray) throw new CliError(`--${stray} is an SNMPv3 option: give --v3-user (and --version 3) or leave it out`);
    return { version, port, timeoutMs, retries, community: values.community ?? 'public' };
  }
  if (!user) throw new CliError('SNMPv3 needs --v3-user');
  const authKey = values['v3-auth-key'];
  const privKey = values['v3-priv-key'];
  const level = oneOf(values['v3-level'], LEVELS, 'v3-level') ?? (privKey ? 'authPriv' : authKey ? 'authNoPriv' : 'noAuthNoPriv');
  if (level !== 'noAuthNoPriv' && !authKey) throw new CliError(`--v3-level ${level} needs --v3-auth-key`);
  if (level === 'authPriv' && !privKey) throw new CliError('--v3-level authPriv needs --v3-priv-key');
  if (authKey !== undefined && authKey.length < 8) throw new CliError('--v3-auth-key must be at least 8 characters (RFC 3414)');
  if (privKey !== undefined && privKey.length < 8) throw new CliError('--v3-priv-key must be at least 8 characters (RFC 3414)');
  return {
    version,
    port,
    timeoutMs,
    retries,
    v3: {
      user,
      level,
      authProtocol: oneOf(values['v3-auth-protocol'], AUTH, 'v3-auth-protocol') ?? 'sha',
      authKey,
      privProtocol: oneOf(values['v3-priv-protocol'], PRIV, 'v3-priv-protocol') ?? 'aes',
      privKey,
      context: values['v3-context'] ?? '',
    },
  };
}

/** Parses each "host[:port]" positional into a full target; throws CliError naming the bad one. */
export function parseTargets(texts: readonly string[], template: Omit<SnmpTarget, 'host'> & { port: number }): SnmpTarget[] {
  return texts.map((text) => {
    try {
      const { host, port } = parseHostPort(text);
      return { ...template, host, port: port ?? template.port };
    } catch (error) {
      throw new CliError(`bad target ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
