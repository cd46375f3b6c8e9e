import type { DeviceIdentity } from '../domain/device-reading';
import { ETHERNET_IF_TYPES, IF_TABLE, SYSTEM_GROUP } from '../mib/mib2.oids';
import { PRT_GENERAL_TABLE } from '../mib/printer-mib.oids';
import type { MibSnapshot } from '../snmp/mib-snapshot';
import { snmpText } from '../snmp/snmp-text';
import { asBytes, asNumber, asOid } from '../snmp/snmp-value';

export type StandardIdentity = Pick<DeviceIdentity, 'sysName' | 'sysDescr' | 'sysObjectID' | 'location' | 'contact' | 'uptimeSeconds' | 'mac' | 'serial'>;

const HEX = '0123456789abcdef';

/** "3c:2a:f4:bf:f5:1b" for a real 6-byte address; null for other lengths, all-zero and broadcast. */
function macText(bytes: Uint8Array | null): string | null {
  if (!bytes || bytes.length !== 6) return null;
  let zero = true;
  let ones = true;
  for (const b of bytes) {
    if (b !== 0) zero = false;
    if (b !== 0xff) ones = false;
  }
  if (zero || ones) return null;
  const parts: string[] = [];
  for (const b of bytes) parts.push((HEX[b >> 4] as string) + (HEX[b & 15] as string));
  return parts.join(':');
}

/** The first usable ifPhysAddress, taking a wired Ethernet interface over any other. */
function findMac(snapshot: MibSnapshot): string | null {
  let fallback: string | null = null;
  for (const row of snapshot.column(IF_TABLE.ifPhysAddress)) {
    const mac = macText(asBytes(row.value));
    if (mac === null) continue;
    const type = asNumber(snapshot.get(`${IF_TABLE.ifType}.${row.index}`));
    if (type !== null && ETHERNET_IF_TYPES.has(type)) return mac;
    fallback ??= mac;
  }
  return fallback;
}

/** prtGeneralSerialNumber of the printer row, else of any row. */
function findSerial(snapshot: MibSnapshot, hrIndex: string | null): string | null {
  const own = hrIndex === null ? null : snapshot.text(`${PRT_GENERAL_TABLE.prtGeneralSerialNumber}.${hrIndex}`);
  if (own !== null) return own;
  for (const row of snapshot.column(PRT_GENERAL_TABLE.prtGeneralSerialNumber)) {
    const text = snmpText(row.value);
    if (text !== null) return text;
  }
  return null;
}

/** sysUpTime in whole seconds, or null. Never throws. */
export function readUptime(snapshot: MibSnapshot): number | null {
  const ticks = asNumber(snapshot.get(SYSTEM_GROUP.sysUpTime));
  return ticks === null || ticks < 0 ? null : Math.floor(ticks / 100);
}

/** Identity from MIB-II, ifTable and prtGeneralTable; absent or empty values are null. Never throws. */
export function readIdentity(snapshot: MibSnapshot, hrIndex: string | null): StandardIdentity {
  return {
    sysName: snapshot.text(SYSTEM_GROUP.sysName),
    sysDescr: snapshot.text(SYSTEM_GROUP.sysDescr),
    sysObjectID: asOid(snapshot.get(SYSTEM_GROUP.sysObjectID)),
    location: snapshot.text(SYSTEM_GROUP.sysLocation),
    contact: snapshot.text(SYSTEM_GROUP.sysContact),
    uptimeSeconds: readUptime(snapshot),
    mac: findMac(snapshot),
    serial: findSerial(snapshot, hrIndex),
  };
}
