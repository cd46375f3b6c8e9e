import { UdirectoryFault } from './udirectory-faults';
import type { Property } from './udirectory-wire';

/**
 * The entry properties the simulated Ricoh knows, with the values it takes — knowledge as
 * data. Names and groups ("mail:" switches the mail properties on) follow the public
 * descriptions (ADDRESS-BOOKS.md); lengths follow what public Ricoh tools validate (name 20,
 * key display 16, mail 128, folder path 256). Empty text clears an optional property.
 */
type Rule =
  | { kind: 'text'; max: number; pattern?: RegExp }
  | { kind: 'bool' }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'tags' }
  | { kind: 'base64'; max: number }
  | { kind: 'readOnly' };

const text = (max: number, pattern?: RegExp): Rule => (pattern ? { kind: 'text', max, pattern } : { kind: 'text', max });
const bool: Rule = { kind: 'bool' };
const secret: Rule = { kind: 'base64', max: 512 };

export const ENTRY_PROPERTIES: Readonly<Record<string, Rule>> = {
  id: { kind: 'readOnly' },
  index: { kind: 'int', min: 1, max: 99_999 },
  name: text(20),
  longName: text(16),
  phoneticName: text(64),
  displayedOrder: { kind: 'int', min: 1, max: 10 },
  tagId: { kind: 'tags' },
  entryType: { kind: 'enum', values: ['user', 'group'] },
  isDestination: bool,
  isSender: bool,
  'auth:': bool,
  'auth:name': text(32, /^[0-9]*$/),
  'mail:': bool,
  'mail:address': text(128),
  'mail:parameter': text(256),
  'mail:isDirectSMTP': bool,
  'fax:': bool,
  'fax:number': text(128, /^[0-9+*#PpTt -]*$/),
  'fax:lineType': text(16),
  'fax:isAbroad': bool,
  'fax:parameter': text(256),
  'ifax:': bool,
  'ifax:address': text(128),
  'ifax:parameter': text(256),
  'ifax:isDirectSMTP': bool,
  'remoteFolder:': bool,
  'remoteFolder:type': { kind: 'enum', values: ['', 'smb', 'ftp', 'ncp'] },
  'remoteFolder:serverName': text(128),
  'remoteFolder:path': text(256),
  'remoteFolder:port': { kind: 'int', min: 1, max: 65_535 },
  'remoteFolder:accountName': text(128),
  'remoteFolder:password': secret,
  'remoteFolder:characterEncoding': text(32),
  'remoteFolder:passwordEncoding': text(32),
  'remoteFolder:select': { kind: 'enum', values: ['', 'private'] },
  'remoteFolder:logonMode': text(32),
  'smtp:': bool,
  'smtp:accountName': text(128),
  'smtp:password': secret,
  'smtp:select': { kind: 'enum', values: ['', 'private'] },
  'ldap:': bool,
  'ldap:accountName': text(128),
  'ldap:password': secret,
  'ldap:select': { kind: 'enum', values: ['', 'private'] },
};

/** Properties a device stores but never reads back (passwords are never exported). */
export const SECRET_PROPERTIES: ReadonlySet<string> = new Set(Object.entries(ENTRY_PROPERTIES).filter(([, r]) => r.kind === 'base64').map(([n]) => n));

const MAIL = /^[^\s@]+@[^\s@]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Checks one written property; COMMON_BAD_PARAMETER naming `where`, the property and why. */
export function checkProperty([name, value]: Property, where: string): void {
  const rule = ENTRY_PROPERTIES[name];
  const bad = (why: string): never => {
    throw new UdirectoryFault('COMMON_BAD_PARAMETER', `${where}: ${name} ${why}`);
  };
  if (!rule) bad('is not a property of an entry');
  else if (rule.kind === 'readOnly') bad('cannot be written');
  else if (value === '' && name !== 'name' && name !== 'index') return;
  else if (rule.kind === 'text') {
    if ([...value].length > rule.max) bad(`is longer than ${rule.max} characters`);
    if (rule.pattern && !rule.pattern.test(value)) bad(`"${value}" has characters it does not take`);
  } else if (rule.kind === 'bool') {
    if (value !== 'true' && value !== 'false') bad(`must be true or false, got "${value}"`);
  } else if (rule.kind === 'int') {
    if (!/^\d{1,6}$/.test(value) || Number(value) < rule.min || Number(value) > rule.max) bad(`must be a whole number from ${rule.min} to ${rule.max}, got "${value}"`);
  } else if (rule.kind === 'enum') {
    if (!rule.values.includes(value)) bad(`must be one of ${rule.values.filter((v) => v !== '').join(', ')}, got "${value}"`);
  } else if (rule.kind === 'tags') {
    const tags = value.split(',');
    if (tags.length > 4 || !tags.every((t) => /^\d{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= 26)) bad(`must be up to 4 tag numbers 1..26 separated by commas, got "${value}"`);
  } else if (rule.kind === 'base64') {
    if (value.length > rule.max || !BASE64.test(value)) bad('must be base64');
  }
}

/** Checks a whole entry after a write (what one property cannot tell); COMMON_BAD_PARAMETER naming `where`. */
export function checkEntry(props: ReadonlyMap<string, string>, where: string): void {
  const bad = (why: string): never => {
    throw new UdirectoryFault('COMMON_BAD_PARAMETER', `${where}: ${why}`);
  };
  if (!props.get('name')) bad('an entry needs a name');
  if (props.get('mail:') === 'true' && !MAIL.test(props.get('mail:address') ?? '')) bad(`mail:address "${props.get('mail:address') ?? ''}" is not a mail address`);
  if (props.get('ifax:') === 'true' && !MAIL.test(props.get('ifax:address') ?? '')) bad(`ifax:address "${props.get('ifax:address') ?? ''}" is not a mail address`);
  if (props.get('fax:') === 'true' && !/[0-9]/.test(props.get('fax:number') ?? '')) bad('fax:number is required when fax: is true');
  if (props.get('remoteFolder:') === 'true') {
    const type = props.get('remoteFolder:type') ?? '';
    if (type === '') bad('remoteFolder:type is required when remoteFolder: is true');
    if (type === 'smb' && !(props.get('remoteFolder:path') ?? '').startsWith('\\\\')) bad('an SMB folder path starts with \\\\server\\');
    if (type === 'ftp' && !props.get('remoteFolder:serverName')) bad('an FTP folder needs remoteFolder:serverName');
  }
}
