/**
 * The values the identity rule compares. Placeholder serials and MACs that many devices share
 * ("0000000000", "unknown", 00:00:00:00:00:00) must not make different printers one device.
 */

const PLACEHOLDER_SERIALS = new Set(['unknown', 'none', 'n/a', 'na', 'null', 'not available', 'serial number']);

/** Trimmed serial, or null when absent or a known placeholder; never throws. */
export function normaliseSerial(serial: string | null | undefined): string | null {
  const text = serial?.trim() ?? '';
  if (text === '') return null;
  if (PLACEHOLDER_SERIALS.has(text.toLowerCase())) return null;
  if (/^([0x?*\-_. ])\1*$/i.test(text)) return null; // "0000", "XXXX", "????", "----"
  return text;
}

/** "3c:2a:f4:bf:f5:1b" form, or null when absent, malformed, all-zero, all-ones or multicast; never throws. */
export function normaliseMac(mac: string | null | undefined): string | null {
  // Readings give the form already (twice per saved reading): check it without building new text.
  if (mac != null && isColonForm(mac)) {
    if (mac === '00:00:00:00:00:00' || mac === 'ff:ff:ff:ff:ff:ff') return null;
    return (parseInt(mac.slice(0, 2), 16) & 1) === 1 ? null : mac;
  }
  const hex = (mac ?? '').trim().toLowerCase().replace(/[:\-.\s]/g, '');
  if (!/^[0-9a-f]{12}$/.test(hex)) return null;
  if (hex === '000000000000' || hex === 'ffffffffffff') return null;
  if ((parseInt(hex.slice(0, 2), 16) & 1) === 1) return null; // group address: not a NIC
  return hex.match(/../g)?.join(':') ?? null;
}

/** True for "3c:2a:f4:bf:f5:1b": six pairs of lower-case hex digits joined by colons. */
function isColonForm(mac: string): boolean {
  if (mac.length !== 17) return false;
  for (let i = 0; i < 17; i++) {
    const code = mac.charCodeAt(i);
    const ok = i % 3 === 2 ? code === 0x3a : (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66);
    if (!ok) return false;
  }
  return true;
}

/** True unless both vendors are known and differ (case and surrounding space ignored). */
export function vendorsCompatible(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  return x === '' || y === '' || x === y;
}
