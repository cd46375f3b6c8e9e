import { Buffer } from 'node:buffer';
import { addressEntrySchema, INDEX_TAGS, type AddressEntry, type IndexTag } from '../../../../src-shared/plugins/addressbook/address-entry';
import type { Property } from './udirectory-messages';

/**
 * Entries ↔ Ricoh udirectory properties (README.md has the table). Pure.
 *
 * A Ricoh entry may hold several destinations at once; the model holds one per entry, so a
 * read takes the first of mail, fax, IP-fax (ifax), folder, and a write switches the others
 * off. The entry number is Ricoh's registration number (`index`); the object id (`id`) is
 * the device's own and only addresses objects.
 */

/** What a Ricoh keeps: name 20 characters, key display (longName) 16 — as public Ricoh tools validate. */
export const RICOH_NAME_MAX = 20;
export const RICOH_KEY_DISPLAY_MAX = 16;

/** The properties a read asks for. */
export const READ_PROPS = [
  'id',
  'index',
  'entryType',
  'name',
  'longName',
  'phoneticName',
  'tagId',
  'mail:',
  'mail:address',
  'fax:',
  'fax:number',
  'ifax:',
  'ifax:address',
  'remoteFolder:',
  'remoteFolder:type',
  'remoteFolder:serverName',
  'remoteFolder:path',
  'remoteFolder:port',
  'remoteFolder:accountName',
] as const;

export type WriteMapping = { props: Property[] } | { refused: string };

/** The properties that write `entry`, or why a Ricoh cannot hold it. */
export function toRicohProps(entry: AddressEntry): WriteMapping {
  if ([...entry.name].length > RICOH_NAME_MAX) return { refused: `the name "${entry.name}" is longer than the ${RICOH_NAME_MAX} characters a Ricoh keeps` };
  const common: Property[] = [
    ['entryType', 'user'],
    ['index', String(entry.number)],
    ['name', entry.name],
    ['longName', [...entry.name].slice(0, RICOH_KEY_DISPLAY_MAX).join('')],
    ['phoneticName', entry.reading],
    ['tagId', entry.tags.map((tag) => String(INDEX_TAGS.indexOf(tag) + 1)).join(',')],
    ['isDestination', 'true'],
  ];
  const only = (group: 'mail:' | 'fax:' | 'ifax:' | 'remoteFolder:'): Property[] => (['mail:', 'fax:', 'ifax:', 'remoteFolder:'] as const).map((g) => [g, String(g === group)]);
  switch (entry.kind) {
    case 'email':
      return { props: [...common, ...only('mail:'), ['mail:address', entry.address]] };
    case 'ifax':
      return { props: [...common, ...only('ifax:'), ['ifax:address', entry.address]] };
    case 'fax':
      if (entry.subAddress !== '') return { refused: 'a fax sub-address cannot be written through udirectory (its property is not publicly described); enter this entry on the device' };
      return { props: [...common, ...only('fax:'), ['fax:number', entry.faxNumber], ['fax:isAbroad', 'false']] };
    case 'folder': {
      if (entry.protocol === 'webdav') return { refused: 'Ricoh devices have no WebDAV folder destinations (SMB and FTP only)' };
      const props: Property[] = [...common, ...only('remoteFolder:'), ['remoteFolder:type', entry.protocol], ['remoteFolder:serverName', entry.host]];
      if (entry.protocol === 'smb') {
        const rest = entry.path.replace(/\//g, '\\').replace(/^\\+/, '');
        props.push(['remoteFolder:path', `\\\\${entry.host}${rest === '' ? '' : `\\${rest}`}`]);
      } else props.push(['remoteFolder:path', entry.path]);
      props.push(['remoteFolder:port', entry.port === null ? '' : String(entry.port)]);
      props.push(['remoteFolder:accountName', entry.user], ['remoteFolder:select', entry.user === '' ? '' : 'private']);
      // null: no password in the book (a read never gets one) — the device keeps the one it has.
      if (entry.password !== null) props.push(['remoteFolder:password', Buffer.from(entry.password, 'utf8').toString('base64')]);
      return { props };
    }
    case 'group':
      return { refused: 'groups cannot be written through udirectory (membership is not publicly described); create the group on the device' };
  }
}

/** The entry a device row holds, or null with why when the model cannot hold it. */
export function fromRicohProps(props: ReadonlyMap<string, string>): { entry: AddressEntry } | { skipped: string } {
  const number = Number(props.get('index') ?? '');
  if (!Number.isInteger(number) || number < 1) return { skipped: `no registration number (index "${props.get('index') ?? ''}")` };
  if ((props.get('entryType') ?? 'user') === 'group') return { skipped: 'a group (not read through udirectory)' };
  const on = (group: string): boolean => props.get(group) === 'true';
  const common = {
    number,
    name: props.get('name') || props.get('longName') || '',
    reading: props.get('phoneticName') ?? '',
    tags: tagsOf(props.get('tagId') ?? ''),
    oneTouch: null,
  };
  let input: unknown;
  if (on('mail:')) input = { ...common, kind: 'email', address: props.get('mail:address') ?? '' };
  else if (on('fax:')) input = { ...common, kind: 'fax', faxNumber: props.get('fax:number') ?? '', subAddress: '' };
  else if (on('ifax:')) input = { ...common, kind: 'ifax', address: props.get('ifax:address') ?? '' };
  else if (on('remoteFolder:')) {
    const protocol = props.get('remoteFolder:type') ?? '';
    if (protocol !== 'smb' && protocol !== 'ftp') return { skipped: `a folder of type "${protocol}"` };
    const port = Number(props.get('remoteFolder:port') ?? '');
    input = {
      ...common,
      kind: 'folder',
      protocol,
      ...folderPlace(protocol, props.get('remoteFolder:serverName') ?? '', props.get('remoteFolder:path') ?? ''),
      port: Number.isInteger(port) && port >= 1 && port <= 65_535 ? port : null,
      user: props.get('remoteFolder:accountName') ?? '',
      password: null,
    };
  } else return { skipped: 'no destination (mail, fax, IP-fax or folder)' };
  const parsed = addressEntrySchema.safeParse(input);
  return parsed.success ? { entry: parsed.data } : { skipped: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

/** Host and path of a folder: an SMB path is "\\host\share\dir" (the host may be only there). */
function folderPlace(protocol: 'smb' | 'ftp', serverName: string, path: string): { host: string; path: string } {
  if (protocol !== 'smb' || !path.startsWith('\\\\')) return { host: serverName, path };
  const rest = path.slice(2);
  const cut = rest.indexOf('\\');
  const uncHost = cut < 0 ? rest : rest.slice(0, cut);
  return { host: serverName || uncHost, path: cut < 0 ? '' : rest.slice(cut + 1) };
}

/** tagId "1,3,14" → frequent, CD (title-2 and title-3 tags are not in the model). */
export function tagsOf(tagId: string): IndexTag[] {
  const tags = tagId
    .split(',')
    .map((t) => Number(t.trim()))
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= INDEX_TAGS.length)
    .map((n) => INDEX_TAGS[n - 1] as IndexTag);
  return [...new Set(tags)];
}
