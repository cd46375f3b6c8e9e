/**
 * The device settings of whitepaper §3.2.1 as data: every item, its group, its value type and
 * rules. Which items a model supports and how they are written is the device profile's
 * settings section (resources/profiles); this file knows nothing of OIDs.
 */

export const SETTING_GROUPS = ['deviceInformation', 'tcpip', 'delivery'] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/** How an item's value is typed and checked. */
export type SettingValueType =
  /** Free text up to `maxLength` characters; `pattern` (when set) is what each character may be. */
  | { kind: 'text'; maxLength: number; pattern?: 'hostname' | 'domain' | 'printable' }
  | { kind: 'switch' }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'ipv4' }
  /** An address handed out from a named IP address pool at delivery: the value is the pool's id. */
  | { kind: 'pool' };

export interface SettingItem {
  id: string;
  group: SettingGroup;
  type: SettingValueType;
  /** The device applies it only after a reboot (whitepaper: TCP/IP items). */
  needsReboot: boolean;
  /** The device's address may change: delivered last, then the device is found again. */
  volatile?: boolean;
}

const text = (maxLength: number, pattern?: 'hostname' | 'domain' | 'printable'): SettingValueType => (pattern ? { kind: 'text', maxLength, pattern } : { kind: 'text', maxLength });
const SWITCH: SettingValueType = { kind: 'switch' };
const IPV4: SettingValueType = { kind: 'ipv4' };

/** The DNS host name the console accepts; the last 6 hex digits of the MAC are appended (whitepaper *2). */
export const DNS_HOST_NAME_MAX = 57;

/** Every item, in the whitepaper's order. */
export const SETTING_ITEMS = [
  { id: 'deviceName', group: 'deviceInformation', type: text(255), needsReboot: false },
  { id: 'installationSite', group: 'deviceInformation', type: text(255), needsReboot: false },
  { id: 'administratorName', group: 'deviceInformation', type: text(127), needsReboot: false },
  { id: 'administratorContact', group: 'deviceInformation', type: text(255), needsReboot: false },
  { id: 'administratorComment', group: 'deviceInformation', type: text(255), needsReboot: false },
  { id: 'servicePersonName', group: 'deviceInformation', type: text(127), needsReboot: false },
  { id: 'servicePersonContact', group: 'deviceInformation', type: text(255), needsReboot: false },
  { id: 'servicePersonComment', group: 'deviceInformation', type: text(255), needsReboot: false },
  { id: 'frameType', group: 'tcpip', type: { kind: 'choice', options: ['auto', 'ethernetII', 'ieee8023', 'ieee8023snap', 'ieee8022'] }, needsReboot: true },
  { id: 'dhcp', group: 'tcpip', type: SWITCH, needsReboot: true, volatile: true },
  { id: 'bootp', group: 'tcpip', type: SWITCH, needsReboot: true, volatile: true },
  { id: 'rarp', group: 'tcpip', type: SWITCH, needsReboot: true, volatile: true },
  { id: 'ipAddress', group: 'tcpip', type: { kind: 'pool' }, needsReboot: true, volatile: true },
  { id: 'subnetMask', group: 'tcpip', type: IPV4, needsReboot: true },
  { id: 'gatewayMethod', group: 'tcpip', type: { kind: 'choice', options: ['auto', 'manual'] }, needsReboot: true },
  { id: 'gatewayAddress', group: 'tcpip', type: IPV4, needsReboot: true },
  { id: 'lpd', group: 'tcpip', type: SWITCH, needsReboot: false },
  { id: 'lpdBanner', group: 'tcpip', type: { kind: 'choice', options: ['on', 'off', 'auto'] }, needsReboot: false },
  { id: 'raw', group: 'tcpip', type: SWITCH, needsReboot: false },
  { id: 'rawBidirectional', group: 'tcpip', type: SWITCH, needsReboot: false },
  { id: 'ipp', group: 'tcpip', type: SWITCH, needsReboot: false },
  { id: 'primaryDns', group: 'tcpip', type: IPV4, needsReboot: true },
  { id: 'secondaryDns', group: 'tcpip', type: IPV4, needsReboot: true },
  { id: 'dnsDynamicUpdate', group: 'tcpip', type: SWITCH, needsReboot: true },
  { id: 'dnsHostName', group: 'tcpip', type: text(DNS_HOST_NAME_MAX, 'hostname'), needsReboot: true },
  { id: 'dnsDomainName', group: 'tcpip', type: text(64, 'domain'), needsReboot: true },
  { id: 'sntpServer', group: 'tcpip', type: text(255, 'domain'), needsReboot: true },
  { id: 'addressBookReceptionRestriction', group: 'delivery', type: SWITCH, needsReboot: false },
] as const satisfies readonly SettingItem[];

export type SettingId = (typeof SETTING_ITEMS)[number]['id'];
export const SETTING_IDS: readonly SettingId[] = SETTING_ITEMS.map((item) => item.id);

/** A value as the contract carries it: text, on/off, a choice, an IPv4 address, or a pool id. */
export type SettingValue = string | boolean | number;

export function settingItem(id: SettingId): SettingItem {
  const item = SETTING_ITEMS.find((i) => i.id === id);
  if (!item) throw new RangeError(`no setting item "${id}"`);
  return item;
}

/** A problem with a value, naming the item. */
export interface SettingProblem {
  item: SettingId;
  message: string;
}

const IPV4_PATTERN = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const CHARACTERS: Readonly<Record<'hostname' | 'domain' | 'printable', RegExp>> = {
  hostname: /^[A-Za-z0-9-]*$/,
  domain: /^[A-Za-z0-9.-]*$/,
  // Device text fields are ASCII/Latin-1 DisplayStrings on most agents; control characters never belong.
  printable: /^[^\p{Cc}]*$/u,
};

/** What is wrong with one value for its item's type (null when it is fine). */
export function valueProblem(item: SettingItem, value: SettingValue): string | null {
  const type = item.type;
  switch (type.kind) {
    case 'text': {
      if (typeof value !== 'string') return 'must be text';
      if ([...value].length > type.maxLength) return `at most ${type.maxLength} characters (${[...value].length} given)`;
      if (/\p{Cc}/u.test(value)) return 'must not contain control characters (line breaks, tabs)';
      if (type.pattern && !CHARACTERS[type.pattern].test(value)) return type.pattern === 'hostname' ? 'only letters, digits and "-"' : 'only letters, digits, "." and "-"';
      return null;
    }
    case 'switch':
      return typeof value === 'boolean' ? null : 'must be on or off';
    case 'choice':
      return typeof value === 'string' && type.options.includes(value) ? null : `must be one of ${type.options.join(', ')}`;
    case 'ipv4':
      return typeof value === 'string' && IPV4_PATTERN.test(value) ? null : 'must be an IPv4 address such as 192.168.1.20';
    case 'pool':
      return typeof value === 'number' && Number.isInteger(value) && value > 0 ? null : 'must name an IP address pool';
  }
}

/**
 * Every problem with a set of values: each value for its type, and the rules between items
 * (whitepaper §3.2.1 *1: DHCP, BOOTP or RARP on excludes a pool address; a manual gateway needs
 * its address). Empty when the values can be delivered.
 */
export function settingProblems(values: Partial<Record<SettingId, SettingValue>>): SettingProblem[] {
  const problems: SettingProblem[] = [];
  for (const [id, value] of Object.entries(values) as [SettingId, SettingValue | undefined][]) {
    if (value === undefined) continue;
    if (!SETTING_IDS.includes(id)) {
      problems.push({ item: id, message: 'is not a setting item' });
      continue;
    }
    const problem = valueProblem(settingItem(id), value);
    if (problem) problems.push({ item: id, message: problem });
  }
  const automatic = (['dhcp', 'bootp', 'rarp'] as const).filter((id) => values[id] === true);
  if (values.ipAddress !== undefined && automatic.length > 0) {
    problems.push({ item: 'ipAddress', message: `cannot take a pool address while ${automatic.map((id) => id.toUpperCase()).join(', ')} is on` });
  }
  if (values.gatewayMethod === 'manual' && values.gatewayAddress === undefined) problems.push({ item: 'gatewayAddress', message: 'is needed when the gateway is set manually' });
  return problems;
}

/** Whether delivering these items needs a reboot to take effect. */
export function needsReboot(ids: Iterable<SettingId>): boolean {
  for (const id of ids) if (settingItem(id).needsReboot) return true;
  return false;
}

/**
 * The DNS host name written to a device: the name given plus the last 6 hex digits of its MAC
 * (whitepaper *2), so one value for a whole group stays unique per device. Null without a MAC.
 */
export function dnsHostNameFor(name: string, mac: string | null): string | null {
  const hex = (mac ?? '').replace(/[^0-9a-fA-F]/g, '');
  if (hex.length < 6) return null;
  return `${name}${hex.slice(-6).toLowerCase()}`;
}
