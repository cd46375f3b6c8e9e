import type { MibSnapshot } from '../snmp/mib-snapshot';
import type { SnmpValue } from '../snmp/snmp-value';
import { decodeSnmpText } from '../snmp/snmp-text';

/**
 * SNMP values as display text for profile rules. Devices send DisplayStrings in UTF-8 or a
 * legacy 8-bit set, pad them with NULs and prefix some (HP PML) with binary symbol-set bytes.
 */

/** The value as raw text (numbers in decimal, OIDs dotted); null for exceptions and absent values. Never throws. */
export function valueText(value: SnmpValue | undefined): string | null {
  if (!value) return null;
  switch (value.type) {
    case 'OctetString':
    case 'Opaque':
      return decodeSnmpText(value.value);
    case 'Integer':
    case 'Counter32':
    case 'Gauge32':
    case 'TimeTicks':
      return String(value.value);
    case 'Counter64':
      return value.value.toString();
    case 'ObjectIdentifier':
    case 'IpAddress':
      return value.value;
    case 'Null':
    case 'NoSuchObject':
    case 'NoSuchInstance':
    case 'EndOfMibView':
    case 'TooBig':
      return null;
  }
}

/** valueText of the value at `oid`; a string value is decoded without copying its bytes (see MibSnapshot.text). Never throws. */
export function valueTextAt(snapshot: MibSnapshot, oid: string): string | null {
  // An empty string decodes to null here and to "" in valueText: cleanText makes both null.
  return snapshot.text(oid) ?? valueText(snapshot.get(oid));
}

/** Control characters to spaces, runs of white space to one, trimmed; null when nothing is left. Never throws. */
export function cleanText(text: string | null): string | null {
  if (text === null) return null;
  if (isClean(text)) return text; // the usual case: nothing to change, nothing to build
  // Control characters (and DEL) become spaces so that a binary prefix or NUL padding disappears.
  let spaced = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    spaced += code < 0x20 || code === 0x7f ? ' ' : text[i];
  }
  const cleaned = spaced.replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

/**
 * True when cleanText would return `text` unchanged: printable ASCII, single spaces, none at
 * either end. Anything else (other characters \s matches among them) takes the full path.
 */
function isClean(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  let previousSpace = true; // a leading space is not clean
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const space = code === 0x20;
    if (code < 0x20 || code >= 0x7f || (space && previousSpace)) return false;
    previousSpace = space;
  }
  return !previousSpace;
}
