import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import type { Book } from '../../src-shared/plugins/addressbook/addressbook.contract';
import { CliError, EXIT } from './cli-error';
import { addressText } from './device-job';
import type { BooksApi } from './addressbook-execution';

/** `printdeck addressbook`: books and devices as typed on the command line. */

/** The book of that name (exact, else the one of that name in any case), or null. */
export async function findBook(books: BooksApi, name: string): Promise<Book | null> {
  const wanted = name.trim();
  const { books: all } = await books.list({});
  const exact = all.find((b) => b.name === wanted);
  if (exact) return exact;
  const anyCase = all.filter((b) => b.name.toLowerCase() === wanted.toLowerCase());
  return anyCase.length === 1 ? (anyCase[0] ?? null) : null;
}

export async function bookNamed(books: BooksApi, name: string): Promise<Book> {
  const book = await findBook(books, name);
  if (!book) throw new CliError(`no address book "${name.trim()}" (printdeck addressbook list shows them)`, EXIT.dataError);
  return book;
}

/** The device the text names (id, name, address[:port]), or exit 65 naming the candidates. */
export function deviceNamed(devices: readonly DeviceSummary[], text: string, groupNames: readonly string[] = []): DeviceSummary {
  const matches = devicesMatching(devices, text);
  const [only] = matches;
  if (only && matches.length === 1) return only;
  if (matches.length > 1) throw new CliError(`"${text}" names ${matches.length} devices: ${matches.map(candidateText).join(', ')}; give its id or address:port`, EXIT.dataError);
  const wanted = text.trim().toLowerCase();
  const similar = devices.filter((d) => [labelOf(d), d.address, d.identity.sysName ?? ''].some((t) => t.toLowerCase().includes(wanted)));
  const groups = groupNames.length > 0 ? ` and no group "${text}" (groups: ${groupNames.join(', ')})` : '';
  const hint = similar.length > 0 ? `; did you mean ${similar.slice(0, 8).map(candidateText).join(', ')}` : devices.length === 0 ? '; the console has no devices' : `; the console's devices include ${devices.slice(0, 8).map(candidateText).join(', ')}${devices.length > 8 ? ', …' : ''}`;
  throw new CliError(`no device "${text}"${groups}${hint}`, EXIT.dataError);
}

/** Devices whose id, name (or the name they report) or address[:port] is the text. */
export function devicesMatching(devices: readonly DeviceSummary[], text: string): DeviceSummary[] {
  const trimmed = text.trim();
  const wanted = trimmed.toLowerCase();
  const { host, port } = parseAddress(wanted);
  return devices.filter(
    (d) =>
      (/^\d+$/.test(trimmed) && d.id === Number(trimmed)) ||
      (d.address.toLowerCase() === host && (port === null || d.port === port)) ||
      d.name?.toLowerCase() === wanted ||
      (d.name === null && d.identity.sysName?.toLowerCase() === wanted),
  );
}

/** "host", "host:port", "[v6]" or "[v6]:port"; a bare IPv6 address has no port. */
function parseAddress(text: string): { host: string; port: number | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] === undefined ? null : Number(bracketed[2]) };
  const withPort = /^([^:]+):(\d{1,5})$/.exec(text);
  if (withPort) return { host: withPort[1] ?? '', port: Number(withPort[2]) };
  return { host: text, port: null };
}

/** The device as the console (and the plug-in) names it: its name, else the name it reports, else its address. */
export function labelOf(device: DeviceSummary): string {
  return device.name ?? device.identity.sysName ?? addressText(device.address, device.port);
}

export function candidateText(device: DeviceSummary): string {
  return `id ${device.id} "${labelOf(device)}" at ${addressText(device.address, device.port)}`;
}
