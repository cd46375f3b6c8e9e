import type { BookProblem, ParsedBook } from '../../../../src-shared/plugins/addressbook/address-entry';
import type { DirectoryMapping } from '../../../../src-shared/plugins/addressbook/directory-mapping';
import { finishBook, type EntryDraft } from './book-builder';

/**
 * Directory records (an LDIF file's records, an LDAP search's results) into address book
 * entries, by a DirectoryMapping. Shared by the LDIF reader and the LDAP import.
 */

/** One directory entry: its DN, its attributes (names compared case-insensitively), and where it is (LDIF line; 0 for search results). */
export interface DirectoryRecord {
  dn: string;
  attributes: Record<string, string[]>;
  line: number;
}

/** Object classes that make a record a group (AD, OpenLDAP, Domino). */
export const GROUP_OBJECT_CLASSES: readonly string[] = ['groupofnames', 'groupofuniquenames', 'group', 'dominogroup'];

/**
 * Entries from directory records, numbered 1, 2, … in record order:
 * - a person (any record that is not a group) with a value of `mapping.mail` → an e-mail entry;
 *   with a value of `mapping.fax` → a fax entry of the same name (both when it has both). The
 *   name is `mapping.name`, else `cn`, else the value of the DN's first RDN. Only the first
 *   value of each attribute is used. A fax number loses what directories add that a device
 *   cannot dial: the `$`-parameters of the fax syntax (RFC 4517) and parentheses.
 * - a group (objectClass in GROUP_OBJECT_CLASSES, and `mapping.member` set) → a group entry
 *   whose members are one entry per member DN: the member's e-mail entry (directory groups are
 *   mailing lists), else its fax entry; a member that is itself a group is replaced by its own
 *   members (devices do not nest groups); groupOfUniqueNames also reads `uniqueMember`.
 * - anything else (an organisational unit, a person without mail or fax) is skipped and
 *   counted in `skipped`: not an error, a directory holds more than destinations.
 * Member DNs that match no record here (outside the search base, filtered out, people without
 * mail) are left out of the group with a note, not a problem: groups routinely reach beyond
 * what an import selects, and refusing the whole import for that would make groups unusable.
 * Only a group of which NOT ONE member was found is a problem, since importing it as an empty
 * group would silently turn a list of people into nothing. DNs are matched case-insensitively,
 * ignoring spaces around "," "+" and "=". Entries are checked by `addressEntrySchema`; the
 * book's problems are at the records' lines. Never throws.
 */
export function directoryRecordsToBook(records: DirectoryRecord[], mapping: DirectoryMapping): ParsedBook {
  const views = records.map((record) => ({ record, get: attributeReader(record.attributes) }));
  const memberAttributes = mapping.member === '' ? [] : [mapping.member.toLowerCase()];
  const drafts: EntryDraft[] = [];
  const destinationOf = new Map<string, number>();
  const groups: { draft: EntryDraft; memberDns: string[]; view: (typeof views)[number] }[] = [];
  const groupByDn = new Map<string, string[]>();
  let skipped = 0;
  let next = 1;

  for (const view of views) {
    const { record, get } = view;
    const classes = get('objectclass').map((c) => c.toLowerCase());
    const name = get(mapping.name)[0] ?? get('cn')[0] ?? firstRdnValue(record.dn);
    const reading = mapping.reading === '' ? '' : (get(mapping.reading)[0] ?? '');
    const key = normaliseDn(record.dn);
    if (classes.some((c) => GROUP_OBJECT_CLASSES.includes(c))) {
      if (memberAttributes.length === 0) {
        skipped++;
        continue;
      }
      const extra = classes.includes('groupofuniquenames') ? ['uniquemember'] : [];
      const memberDns = [...memberAttributes, ...extra].flatMap((a) => get(a)).map((dn) => normaliseDn(dn.replace(/#'[01]*'B$/, '')));
      const draft: EntryDraft = { line: record.line, number: next++, fields: { kind: 'group', name, reading, members: [] } };
      drafts.push(draft);
      groups.push({ draft, memberDns, view });
      groupByDn.set(key, memberDns);
      continue;
    }
    const mail = mapping.mail === '' ? undefined : get(mapping.mail)[0];
    const fax = mapping.fax === '' ? undefined : get(mapping.fax)[0];
    if (mail === undefined && fax === undefined) {
      skipped++;
      continue;
    }
    if (mail !== undefined) {
      destinationOf.set(key, next);
      drafts.push({ line: record.line, number: next++, fields: { kind: 'email', name, reading, address: mail } });
    }
    if (fax !== undefined) {
      if (!destinationOf.has(key)) destinationOf.set(key, next);
      drafts.push({ line: record.line, number: next++, fields: { kind: 'fax', name, reading, faxNumber: dialableFax(fax) } });
    }
  }

  const problems: BookProblem[] = [];
  const notes: BookProblem[] = [];
  for (const { draft, memberDns } of groups) {
    const found = new Set<number>();
    let missing = 0;
    const expand = (dns: readonly string[], seen: Set<string>): void => {
      for (const dn of dns) {
        const number = destinationOf.get(dn);
        const nested = groupByDn.get(dn);
        if (number !== undefined) found.add(number);
        else if (nested !== undefined && !seen.has(dn)) expand(nested, new Set([...seen, dn]));
        else if (nested === undefined) missing++;
      }
    };
    expand(memberDns, new Set());
    draft.fields.members = [...found];
    const name = String(draft.fields.name);
    if (memberDns.length > 0 && found.size === 0) {
      problems.push({ line: draft.line, message: `group "${name}": none of its ${memberDns.length} members is a person with mail or fax among the records read` });
    } else if (missing > 0) {
      notes.push({ line: draft.line, message: `group "${name}": ${missing} of its members ${missing === 1 ? 'is' : 'are'} not among the records read (or ${missing === 1 ? 'has' : 'have'} neither mail nor fax) and ${missing === 1 ? 'is' : 'are'} left out` });
    }
  }

  const labels = Object.fromEntries(Object.entries({ name: mapping.name, reading: mapping.reading, address: mapping.mail, faxNumber: mapping.fax, members: mapping.member }).filter(([, attribute]) => attribute !== ''));
  // Search results are UTF-8 by LDAP's definition; an LDIF reader replaces the encoding with the file's.
  return finishBook({ drafts, problems, labels, encoding: 'utf-8', encodingCertain: true, bookName: null, skipped, notes });
}

/** Case-insensitive access to a record's attributes (LDAP attribute descriptions are case-insensitive). */
function attributeReader(attributes: Record<string, string[]>): (name: string) => string[] {
  const byLowerName = new Map<string, string[]>();
  for (const [name, values] of Object.entries(attributes)) {
    const key = name.toLowerCase();
    byLowerName.set(key, [...(byLowerName.get(key) ?? []), ...values.filter((v) => v.trim() !== '')]);
  }
  return (name) => byLowerName.get(name.toLowerCase()) ?? [];
}

/** Directories store fax numbers as printable strings with `$`-parameters and (area) codes; devices dial digits. */
function dialableFax(value: string): string {
  return (value.split('$')[0] ?? '').replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Splits on a separator that is not escaped by a backslash. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      current += c + text.charAt(i + 1);
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** A DN in a form two spellings of the same DN share: lower case, no spaces around separators, multi-valued RDNs sorted. Never throws. */
export function normaliseDn(dn: string): string {
  return splitUnescaped(dn.trim(), ',')
    .map((rdn) =>
      splitUnescaped(rdn, '+')
        .map((ava) => {
          const [type = '', ...value] = splitUnescaped(ava, '=');
          return `${type.trim().toLowerCase()}=${value.join('=').trim().toLowerCase()}`;
        })
        .sort()
        .join('+'),
    )
    .join(',');
}

function firstRdnValue(dn: string): string {
  const rdn = splitUnescaped(dn, ',')[0] ?? '';
  const ava = splitUnescaped(rdn, '+')[0] ?? '';
  const value = splitUnescaped(ava, '=').slice(1).join('=').trim();
  return value.replace(/\\(.)/g, '$1');
}
