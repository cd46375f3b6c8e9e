import { namesByCode } from './code-table';

/** MIB-II (RFC 1213 / RFC 3418) objects Printdeck reads: the system group and two ifTable columns. */

/** System group scalars, as instance OIDs (".0" included): they are fetched with one GET. */
export const SYSTEM_GROUP = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysContact: '1.3.6.1.2.1.1.4.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
} as const;

/** ifTable (1.3.6.1.2.1.2.2) columns; rows are indexed by ifIndex. */
export const IF_TABLE = {
  ifDescr: '1.3.6.1.2.1.2.2.1.2',
  ifType: '1.3.6.1.2.1.2.2.1.3',
  ifPhysAddress: '1.3.6.1.2.1.2.2.1.6',
} as const;

/** IANAifType values that matter for finding a printer's MAC address (the rest are "other"). */
export const IF_TYPES = {
  other: 1,
  ethernetCsmacd: 6,
  iso88023Csmacd: 7,
  softwareLoopback: 24,
  fastEther: 62,
  fastEtherFX: 69,
  ieee80211: 71,
  gigabitEthernet: 117,
} as const;
export type IfTypeName = keyof typeof IF_TYPES;
export const IF_TYPE_NAMES = namesByCode(IF_TYPES);

/** Wired Ethernet interface types: the MAC an admin finds on the label and in the DHCP server. */
export const ETHERNET_IF_TYPES: ReadonlySet<number> = new Set([
  IF_TYPES.ethernetCsmacd,
  IF_TYPES.iso88023Csmacd,
  IF_TYPES.fastEther,
  IF_TYPES.fastEtherFX,
  IF_TYPES.gigabitEthernet,
]);
