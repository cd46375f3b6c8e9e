import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressEntrySchema, type AddressEntry, type AddressEntryInput } from '../../../../src-shared/plugins/addressbook/address-entry';
import { fromRicohProps, tagsOf, toRicohProps } from '../../../../src-main/plugins/addressbook/adapters/ricoh-entry-mapping';

const entry = (input: AddressEntryInput): AddressEntry => addressEntrySchema.parse(input);

function props(e: AddressEntry): Map<string, string> {
  const mapped = toRicohProps(e);
  if ('refused' in mapped) throw new Error(`refused: ${mapped.refused}`);
  return new Map(mapped.props);
}

/** A write followed by a read, as the device stores it (passwords never read back). */
function roundTrip(e: AddressEntry): AddressEntry {
  const stored = props(e);
  stored.delete('remoteFolder:password');
  const read = fromRicohProps(stored);
  if (!('entry' in read)) throw new Error(`skipped: ${read.skipped}`);
  return read.entry;
}

describe('Ricoh entry mapping', () => {
  it('an e-mail entry: number → index, name → name and a 16-character key display, reading, tags, only mail: on', () => {
    const p = props(entry({ number: 42, name: 'Accounts Payable', kind: 'email', address: 'ap@example.com', reading: 'あかうんつ', tags: ['frequent', 'AB'] }));
    expect(Object.fromEntries(p)).toEqual({
      entryType: 'user',
      index: '42',
      name: 'Accounts Payable',
      longName: 'Accounts Payable',
      phoneticName: 'あかうんつ',
      tagId: '1,2',
      isDestination: 'true',
      'mail:': 'true',
      'fax:': 'false',
      'ifax:': 'false',
      'remoteFolder:': 'false',
      'mail:address': 'ap@example.com',
    });
  });

  it('the key display is the name cut to 16 characters (not UTF-16 units)', () => {
    expect(props(entry({ number: 1, name: '😀'.repeat(18), kind: 'email', address: 'a@example.com' })).get('longName')).toBe('😀'.repeat(16));
  });

  it('tags: frequent = 1, AB..XYZ = 2..11; title-2/3 tags and junk are dropped on a read', () => {
    expect(tagsOf('1,3,11,14,25,x,')).toEqual(['frequent', 'CD', 'XYZ']);
    expect(tagsOf('')).toEqual([]);
    expect(tagsOf('2,2')).toEqual(['AB']);
  });

  it.each([
    ['e-mail', entry({ number: 1, name: 'Mail', kind: 'email', address: 'm@example.com', tags: ['GH'] })],
    ['fax', entry({ number: 2, name: 'Fax', kind: 'fax', faxNumber: '+49 30 1234-5' })],
    ['IP-fax (ifax)', entry({ number: 3, name: 'Ifax', kind: 'ifax', address: 'ifax@example.com', reading: 'いふぁっくす' })],
    ['SMB folder', entry({ number: 4, name: 'Share', kind: 'folder', protocol: 'smb', host: 'files', path: 'scans\\team', user: 'CORP\\scan', password: 'pw' })],
    ['SMB folder at the share root', entry({ number: 5, name: 'Root', kind: 'folder', protocol: 'smb', host: 'files', path: '' })],
    ['FTP folder with a port', entry({ number: 6, name: 'Ftp', kind: 'folder', protocol: 'ftp', host: 'ftp.example.com', port: 2121, path: '/in', user: 'u' })],
  ])('%s survives a write and a read (password aside)', (_kind, e) => {
    expect(roundTrip(e)).toEqual(e.kind === 'folder' ? { ...e, password: null } : e);
  });

  it('an SMB path is written as \\\\host\\path with backslashes; the password in base64, or not at all when the book has none', () => {
    const smb = props(entry({ number: 4, name: 'Share', kind: 'folder', protocol: 'smb', host: 'files', path: '/scans/team', user: 'scan', password: 'pässword' }));
    expect(smb.get('remoteFolder:path')).toBe('\\\\files\\scans\\team');
    expect(smb.get('remoteFolder:password')).toBe(Buffer.from('pässword', 'utf8').toString('base64'));
    expect(smb.get('remoteFolder:select')).toBe('private');
    const noPassword = props(entry({ number: 4, name: 'Share', kind: 'folder', protocol: 'smb', host: 'files', path: 'scans' }));
    expect(noPassword.has('remoteFolder:password')).toBe(false);
    expect(noPassword.get('remoteFolder:select')).toBe('');
  });

  it('a folder the device holds only as a UNC path gets its host from the path', () => {
    const read = fromRicohProps(new Map([['index', '9'], ['name', 'Unc'], ['remoteFolder:', 'true'], ['remoteFolder:type', 'smb'], ['remoteFolder:path', '\\\\nas01\\scan\\in']]));
    expect(read).toEqual({ entry: expect.objectContaining({ kind: 'folder', host: 'nas01', path: 'scan\\in', port: null }) });
  });

  it.each([
    ['WebDAV folders', entry({ number: 1, name: 'Dav', kind: 'folder', protocol: 'webdav', host: 'dav', path: '/' }), /WebDAV/],
    ['groups', entry({ number: 2, name: 'Group', kind: 'group', members: [1] }), /groups cannot be written/],
    ['fax sub-addresses', entry({ number: 3, name: 'Fax', kind: 'fax', faxNumber: '123', subAddress: '45' }), /sub-address/],
    ['names over 20 characters', entry({ number: 4, name: 'x'.repeat(21), kind: 'email', address: 'a@example.com' }), /longer than the 20 characters/],
  ])('refuses %s with a reason', (_what, e, reason) => {
    expect(toRicohProps(e)).toEqual({ refused: expect.stringMatching(reason) });
  });

  it.each([
    ['no index', [['name', 'A'], ['mail:', 'true'], ['mail:address', 'a@example.com']], /registration number/],
    ['a group', [['index', '1'], ['entryType', 'group'], ['name', 'G']], /group/],
    ['no destination (a user code only)', [['index', '1'], ['name', 'User'], ['auth:', 'true'], ['auth:name', '1234']], /no destination/],
    ['a NetWare folder', [['index', '1'], ['name', 'N'], ['remoteFolder:', 'true'], ['remoteFolder:type', 'ncp']], /type "ncp"/],
    ['a mail address the model refuses', [['index', '1'], ['name', 'N'], ['mail:', 'true'], ['mail:address', 'not a mail']], /address/],
  ] as const)('skips a device entry with %s', (_what, row, reason) => {
    expect(fromRicohProps(new Map(row))).toEqual({ skipped: expect.stringMatching(reason) });
  });

  it('an entry with several destinations reads as its first of mail, fax, ifax, folder', () => {
    const read = fromRicohProps(new Map([['index', '3'], ['name', 'Both'], ['fax:', 'true'], ['fax:number', '123'], ['mail:', 'true'], ['mail:address', 'b@example.com']]));
    expect(read).toEqual({ entry: expect.objectContaining({ kind: 'email', address: 'b@example.com' }) });
  });
});

describe('address book adapters are plug-in code', () => {
  it('import only src-shared, Node built-ins, npm packages and each other', () => {
    const dir = join(__dirname, '../../../../src-main/plugins/addressbook/adapters');
    const offending: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const [, specifier] of source.matchAll(/\bfrom\s+'([^']+)'/g)) {
        const spec = specifier ?? '';
        const allowed =
          spec.startsWith('./') ||
          spec.startsWith('../../../../src-shared/') ||
          spec.startsWith('node:') ||
          builtinModules.includes(spec) ||
          (!spec.startsWith('.') && !spec.startsWith('/'));
        if (!allowed) offending.push(`${file}: ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
