import * as iconv from 'iconv-lite';
import type { AddressEntry } from '../../../../../src-shared/plugins/addressbook/address-entry';

/** Test data builders for address book entries and file bytes. */

type Entry<K extends AddressEntry['kind']> = Extract<AddressEntry, { kind: K }>;
const common = { reading: '', tags: [], oneTouch: null };

export function anEmail(number: number, change: Partial<Entry<'email'>> = {}): Entry<'email'> {
  return { kind: 'email', number, name: `Person ${number}`, address: `person${number}@example.com`, ...common, ...change };
}

export function aFax(number: number, change: Partial<Entry<'fax'>> = {}): Entry<'fax'> {
  return { kind: 'fax', number, name: `Fax ${number}`, faxNumber: `03-1234-${String(number).padStart(4, '0')}`, subAddress: '', ...common, ...change };
}

export function anIfax(number: number, change: Partial<Entry<'ifax'>> = {}): Entry<'ifax'> {
  return { kind: 'ifax', number, name: `I-fax ${number}`, address: `ifax${number}@example.com`, ...common, ...change };
}

export function aFolder(number: number, change: Partial<Entry<'folder'>> = {}): Entry<'folder'> {
  return { kind: 'folder', number, name: `Folder ${number}`, protocol: 'smb', host: 'files.example.com', port: null, path: '/scans', user: 'scanner', password: 's3cret', ...common, ...change };
}

export function aGroup(number: number, members: number[], change: Partial<Entry<'group'>> = {}): Entry<'group'> {
  return { kind: 'group', number, name: `Group ${number}`, members, ...common, ...change };
}

/** A book with every kind: Japanese names and readings, a fax with a sub-address and an international number, a folder with a password, a group. */
export function aMixedBook(): AddressEntry[] {
  return [
    anEmail(1, { name: '山田 太郎', reading: 'やまだ たろう', address: 'taro.yamada@example.jp' }),
    anEmail(2, { name: 'Zoë Müller', address: 'zoe@example.de' }),
    aFax(3, { name: '大阪営業所', reading: 'おおさかえいぎょうしょ', faxNumber: '+81 6 1234 5678', subAddress: '123' }),
    anIfax(4),
    aFolder(5, { name: 'スキャン', host: 'fs1.example.com', port: 2121, protocol: 'ftp', path: '/scan/in', user: 'scan', password: 'p@ss: word' }),
    aGroup(6, [1, 2, 3], { name: '営業部' }),
  ];
}

/** The text's bytes in an encoding (iconv-lite names: utf8, utf16le, utf16be, cp932, windows1252), with a BOM when asked. */
export function bytesOf(text: string, encoding: string, bom = false): Uint8Array {
  return new Uint8Array(iconv.encode(text, encoding, { addBOM: bom }));
}

/** UTF-8 bytes of the text. */
export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** The bytes as UTF-8 text. */
export function textOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}
