import { z } from 'zod';

/**
 * How directory records (LDAP search results, LDIF files) become address book entries: which
 * attribute holds the name, the reading, the mail address and the fax number. Presets for the
 * directories of ADDRESS-BOOKS.md; every field can be changed per saved connection.
 */
const attribute = z.string().trim().max(128).regex(/^[A-Za-z0-9][A-Za-z0-9;.-]*$|^$/, 'an attribute name (letters, digits, "-", ";" options)');

export const directoryMappingSchema = z.object({
  name: attribute.min(1, 'the name attribute is required'),
  /** Attribute of the reading (furigana); empty: none. */
  reading: attribute.default(''),
  mail: attribute.default('mail'),
  /** Attribute of the fax number; empty: no fax entries. */
  fax: attribute.default('facsimileTelephoneNumber'),
  /** Attribute of a group's members (DNs); empty: groups are not imported. */
  member: attribute.default('member'),
});
export type DirectoryMapping = z.output<typeof directoryMappingSchema>;

export const DIRECTORY_KINDS = ['active-directory', 'domino', 'openldap'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/** Presets: the attributes and the filter each directory kind is usually searched with. */
export const DIRECTORY_PRESETS: Readonly<Record<DirectoryKind, { mapping: DirectoryMapping; filter: string; port: number }>> = {
  'active-directory': {
    mapping: { name: 'displayName', reading: 'msDS-PhoneticDisplayName', mail: 'mail', fax: 'facsimileTelephoneNumber', member: 'member' },
    filter: '(|(&(objectCategory=person)(objectClass=user)(|(mail=*)(facsimileTelephoneNumber=*)))(objectClass=group))',
    port: 636,
  },
  domino: {
    mapping: { name: 'cn', reading: '', mail: 'mail', fax: 'facsimileTelephoneNumber', member: 'member' },
    filter: '(|(objectClass=dominoPerson)(objectClass=dominoGroup))',
    port: 636,
  },
  openldap: {
    mapping: { name: 'cn', reading: 'displayName;lang-ja;phonetic', mail: 'mail', fax: 'facsimileTelephoneNumber', member: 'member' },
    filter: '(|(objectClass=inetOrgPerson)(objectClass=groupOfNames))',
    port: 636,
  },
};
