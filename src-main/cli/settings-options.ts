import { credentialSchema, type Credential } from '../../src-shared/contract/discovery.contract';
import { settingProblems, type SettingId, type SettingValue } from '../../src-shared/settings/settings-catalogue';
import type { SnmpVersion } from '../core/snmp/snmp-client';
import { CliError } from './cli-error';
import { snmpTemplate } from './snmp-options';

/**
 * The options of `printdeck settings set` and `printdeck reboot` that name catalogue items and
 * the write credential, and how they become a delivery's values and a vault credential. Pure:
 * every refusal is a CliError naming the option.
 */

/** Each `settings set` option and the catalogue item it sets. */
export const SETTING_OPTIONS = [
  { option: 'name', item: 'deviceName', kind: 'text', help: 'device name (sysName)' },
  { option: 'location', item: 'installationSite', kind: 'text', help: 'installation site (sysLocation)' },
  { option: 'contact', item: 'administratorContact', kind: 'text', help: 'administrator contact (sysContact)' },
  { option: 'admin-name', item: 'administratorName', kind: 'text', help: 'administrator name (prtGeneralCurrentOperator)' },
  { option: 'service-person', item: 'servicePersonName', kind: 'text', help: 'service person (prtGeneralServicePerson)' },
  { option: 'lpd', item: 'lpd', kind: 'switch', help: 'LPD print service on|off (prtChannelState)' },
  { option: 'raw', item: 'raw', kind: 'switch', help: 'RAW port 9100 on|off (prtChannelState)' },
  { option: 'ipp', item: 'ipp', kind: 'switch', help: 'IPP on|off (prtChannelState)' },
] as const satisfies readonly { option: string; item: SettingId; kind: 'text' | 'switch'; help: string }[];

export type SettingOptionName = (typeof SETTING_OPTIONS)[number]['option'];

/** parseArgs spec of the item options. */
export const SETTING_OPTION_SPEC = {
  name: { type: 'string' },
  location: { type: 'string' },
  contact: { type: 'string' },
  'admin-name': { type: 'string' },
  'service-person': { type: 'string' },
  lpd: { type: 'string' },
  raw: { type: 'string' },
  ipp: { type: 'string' },
} as const satisfies Record<SettingOptionName, { type: 'string' }>;

/** parseArgs spec of the write credential (and whether to keep it in the vault of --data). */
export const WRITE_OPTION_SPEC = {
  'write-community': { type: 'string' },
  'write-v3-user': { type: 'string' },
  'write-v3-level': { type: 'string' },
  'write-v3-auth-protocol': { type: 'string' },
  'write-v3-auth-key': { type: 'string' },
  'write-v3-priv-protocol': { type: 'string' },
  'write-v3-priv-key': { type: 'string' },
  'write-v3-context': { type: 'string' },
  'save-credentials': { type: 'boolean' },
} as const;

export const WRITE_OPTION_HELP = `Write access (the device's SNMP write credential, separate from the read options):
  --write-community C        v1/v2c write community (v1 when --version 1, else v2c)
  --write-v3-user U          SNMPv3 user that may write; with
  --write-v3-level L         noAuthNoPriv | authNoPriv | authPriv (default: from the keys given)
  --write-v3-auth-protocol P md5 | sha | sha224 | sha256 | sha384 | sha512 (default sha)
  --write-v3-auth-key K      authentication passphrase (at least 8 characters)
  --write-v3-priv-protocol P des | aes | aes256b | aes256r (default aes)
  --write-v3-priv-key K      privacy passphrase (at least 8 characters)
  --write-v3-context C       SNMPv3 context name
  --save-credentials         with --data: keep the write credential in the console's vault for
                             these devices (replacing theirs); without it, it is used for this
                             run only and removed again afterwards
Without a --write-* option the credential stored in the vault of --data is used (the device's
own, else its group's default); without --data one is needed.`;

export type SettingOptionValues = Partial<Record<SettingOptionName, string>>;
export type WriteOptionValues = Partial<Record<Exclude<keyof typeof WRITE_OPTION_SPEC, 'save-credentials'>, string>>;

function optionOf(item: string): string {
  return `--${SETTING_OPTIONS.find((o) => o.item === item)?.option ?? item}`;
}

/**
 * The values the options ask to deliver, checked against the catalogue's types and rules
 * (settingProblems); a problem is exit 2 naming the option. Throws when no item is given.
 */
export function settingValuesOf(values: SettingOptionValues): Partial<Record<SettingId, SettingValue>> {
  const chosen: Partial<Record<SettingId, SettingValue>> = {};
  for (const { option, item, kind } of SETTING_OPTIONS) {
    const text = values[option];
    if (text === undefined) continue;
    if (kind === 'switch') {
      const on = ['on', 'off'].indexOf(text.trim().toLowerCase());
      if (on < 0) throw new CliError(`--${option} "${text}" must be on or off`);
      chosen[item] = on === 0;
    } else chosen[item] = text;
  }
  if (Object.keys(chosen).length === 0) throw new CliError(`settings set needs at least one setting: ${SETTING_OPTIONS.map((o) => `--${o.option}`).join(', ')}`);
  const problems = settingProblems(chosen);
  if (problems.length > 0) throw new CliError(problems.map((p) => `${optionOf(p.item)}: ${p.message}`).join('; '));
  return chosen;
}

const V3_WRITE_OPTIONS = ['write-v3-level', 'write-v3-auth-protocol', 'write-v3-auth-key', 'write-v3-priv-protocol', 'write-v3-priv-key', 'write-v3-context'] as const;

/**
 * The write credential the options give, or null when none is given. `--write-community` goes
 * with the read `--version` when that is v1, else v2c. The SNMPv3 options follow the read
 * options' rules (snmp-options.ts), with messages naming the --write-v3-* option.
 */
export function writeCredentialOf(values: WriteOptionValues, readVersion: SnmpVersion): Credential | null {
  const community = values['write-community'];
  const user = values['write-v3-user'];
  const strayV3 = V3_WRITE_OPTIONS.find((option) => values[option] !== undefined);
  if (community !== undefined && (user !== undefined || strayV3 !== undefined)) {
    throw new CliError(`--write-community and --${user !== undefined ? 'write-v3-user' : (strayV3 ?? 'write-v3-user')} are alternatives: give one kind of write credential`);
  }
  if (community !== undefined) return checked({ version: readVersion === 'v1' ? 'v1' : 'v2c', community });
  if (user === undefined) {
    if (strayV3 !== undefined) throw new CliError(`--${strayV3} needs --write-v3-user`);
    return null;
  }
  let template;
  try {
    template = snmpTemplate({
      version: '3',
      'v3-user': user,
      'v3-level': values['write-v3-level'],
      'v3-auth-protocol': values['write-v3-auth-protocol'],
      'v3-auth-key': values['write-v3-auth-key'],
      'v3-priv-protocol': values['write-v3-priv-protocol'],
      'v3-priv-key': values['write-v3-priv-key'],
      'v3-context': values['write-v3-context'],
    });
  } catch (error) {
    // The same rules as the read options; the message names the option the user typed.
    if (error instanceof CliError) throw new CliError(error.message.replaceAll('--v3-', '--write-v3-'), error.exitCode);
    throw error;
  }
  const v3 = template.v3;
  if (!v3) throw new CliError('--write-v3-user: not an SNMPv3 credential');
  return checked({
    version: 'v3',
    user: v3.user,
    level: v3.level,
    // Protocols only with their keys: the vault keeps what the level uses.
    authProtocol: v3.authKey !== undefined ? v3.authProtocol : undefined,
    authKey: v3.authKey,
    privProtocol: v3.privKey !== undefined ? v3.privProtocol : undefined,
    privKey: v3.privKey,
    context: v3.context === '' ? undefined : v3.context,
  });
}

const FIELD_OPTION: Readonly<Record<string, string>> = {
  community: 'write-community',
  user: 'write-v3-user',
  level: 'write-v3-level',
  authProtocol: 'write-v3-auth-protocol',
  authKey: 'write-v3-auth-key',
  privProtocol: 'write-v3-priv-protocol',
  privKey: 'write-v3-priv-key',
  context: 'write-v3-context',
};

/** The credential as the vault will take it (its schema), or exit 2 naming the option. */
function checked(credential: Credential): Credential {
  const parsed = credentialSchema.safeParse(credential);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'community');
  throw new CliError(`--${FIELD_OPTION[field] ?? field}: ${issue?.message ?? 'invalid'}`);
}

/**
 * The rules of a command that writes (settings set, reboot): a write credential on the command
 * line or a data folder whose vault holds one; --save-credentials only with both. Throws CliError.
 */
export function checkWriteAccess(command: string, credential: Credential | null, options: { data?: string; saveCredentials?: boolean }): void {
  if (credential === null && options.data === undefined) {
    throw new CliError(`${command} needs a write credential: --write-community C, or --write-v3-user U with its keys (or --data DIR whose vault holds one for the devices)`);
  }
  if (options.saveCredentials && options.data === undefined) throw new CliError('--save-credentials needs --data DIR (without it nothing is kept)');
  if (options.saveCredentials && credential === null) throw new CliError('--save-credentials needs a --write-community or --write-v3-user credential to save');
}
