/** DNS-SD service types printers advertise (RFC 6763 §7; IPP Everywhere, RFC 8010 §6). */
export const PRINTER_SERVICE_TYPES = ['_ipp._tcp.local', '_ipps._tcp.local', '_pdl-datastream._tcp.local', '_printer._tcp.local'] as const;

/** The DNS-SD service-type enumeration name (RFC 6763 §9). */
export const SERVICE_ENUMERATION_NAME = '_services._dns-sd._udp.local';

// RFC 6335 §5.1: 1–15 letters, digits and hyphens, no hyphen at either end or twice in a row.
const SERVICE_LABEL = /^_(?!-)(?!.*--)[a-z0-9-]{1,15}(?<!-)$/;

/**
 * Normalises a DNS-SD service type to lower-case `_service._tcp.local` form. Accepts it with or
 * without `.local` and a trailing dot, in whichever case. Throws a RangeError saying what is
 * wrong for anything else (subtypes, other domains, bad labels).
 */
export function normaliseServiceType(input: string): string {
  const trimmed = input.trim().toLowerCase().replace(/\.$/, '');
  const labels = trimmed.split('.');
  if (labels.length === 2) labels.push('local');
  const [service, protocol, domain, ...rest] = labels;
  const example = 'like "_ipp._tcp.local" or "_ipp._tcp"';
  if (service === undefined || protocol === undefined || domain === undefined || rest.length > 0) {
    throw new RangeError(`"${input}" is not a DNS-SD service type ${example}`);
  }
  if (!SERVICE_LABEL.test(service)) {
    throw new RangeError(`"${input}": the service label "${service}" must be "_" and 1–15 letters, digits or inner hyphens`);
  }
  if (protocol !== '_tcp' && protocol !== '_udp') throw new RangeError(`"${input}": the protocol must be "_tcp" or "_udp", not "${protocol}"`);
  if (domain !== 'local') throw new RangeError(`"${input}": mDNS browses the "local" domain only, not "${domain}"`);
  return `${service}.${protocol}.local`;
}

/**
 * The instance label of a service instance name (RFC 6763 §4.1), e.g. "Lobby MFP" of
 * "Lobby MFP._ipp._tcp.local" for service "_ipp._tcp.local"; null when the name is not an
 * instance of that service. The label keeps its case and may contain dots and spaces.
 */
export function instanceLabelOf(instanceName: string, service: string): string | null {
  const suffix = `.${service}`;
  if (instanceName.length <= suffix.length || !instanceName.toLowerCase().endsWith(suffix.toLowerCase())) return null;
  return instanceName.slice(0, instanceName.length - suffix.length);
}
