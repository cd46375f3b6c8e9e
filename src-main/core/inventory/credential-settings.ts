import { credentialSchema, type Credential } from '../../../src-shared/contract/discovery.contract';
import type { SnmpTarget, SnmpV3Credentials } from '../snmp/snmp-client';

/** SNMP settings for a round: everything of a target but where it is. */
export type SnmpSettings = Omit<SnmpTarget, 'host' | 'port'>;

/** The SNMPv3 part of a v3 credential set, as the SNMP client takes it. */
export function v3CredentialsOf(credential: Extract<Credential, { version: 'v3' }>): SnmpV3Credentials {
  const { user, level, authProtocol, authKey, privProtocol, privKey, context } = credential;
  return { user, level, authProtocol, authKey, privProtocol, privKey, context };
}

/** The settings of a credential set, keeping the base's timeout and retries. */
export function settingsOfCredential(credential: Credential, base: SnmpSettings): SnmpSettings {
  const timing = { timeoutMs: base.timeoutMs, retries: base.retries };
  if (credential.version !== 'v3') return { ...timing, version: credential.version, community: credential.community };
  return { ...timing, version: 'v3', v3: v3CredentialsOf(credential) };
}

/**
 * The settings to read a stored device with: its own credential set (JSON from the store) when
 * a search recorded one, else the console's default. Unreadable JSON falls back to the default:
 * the device then reads as it did before a search found it.
 */
export function settingsForDevice(credentialJson: string | null, base: SnmpSettings): SnmpSettings {
  if (credentialJson === null) return base;
  try {
    const parsed = credentialSchema.safeParse(JSON.parse(credentialJson));
    return parsed.success ? settingsOfCredential(parsed.data, base) : base;
  } catch {
    return base;
  }
}
