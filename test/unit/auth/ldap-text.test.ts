import { describe, expect, it } from 'vitest';
import { mappedGroupIds } from '../../../src-main/core/auth/auth.service';
import {
  activeDirectoryBindProblem,
  attributeValues,
  directoryUserName,
  escapeDnValue,
  escapeFilterValue,
  fillBindName,
  fillFilter,
  mergeGroups,
} from '../../../src-main/core/auth/ldap-text';
import type { StoredUserGroup } from '../../../src-main/core/store/accounts.repository';

function aGroup(id: number, directoryGroups: string[]): StoredUserGroup {
  return { id, name: `group ${id}`, description: '', builtin: null, permissions: {}, directoryGroups, memberCount: 0 };
}

describe('LDAP filter values (RFC 4515)', () => {
  it.each([
    ['alice', 'alice'],
    ['*', '\\2a'],
    ['alice)(uid=*', 'alice\\29\\28uid=\\2a'],
    ['back\\slash', 'back\\5cslash'],
    ['nul\0', 'nul\\00'],
    ['Jürgen Ö', 'Jürgen Ö'],
  ])('escapes %j as %j', (value, escaped) => {
    expect(escapeFilterValue(value)).toBe(escaped);
  });

  it('fills {user} and {dn}, escaped, and leaves placeholders without a value', () => {
    expect(fillFilter('(&(objectClass=user)(sAMAccountName={user}))', { user: 'a*' })).toBe('(&(objectClass=user)(sAMAccountName=a\\2a))');
    expect(fillFilter('(|(member={dn})(memberUid={user}))', { dn: 'cn=x (y),dc=t', user: 'x' })).toBe('(|(member=cn=x \\28y\\29,dc=t)(memberUid=x))');
    expect(fillFilter('(member={dn})', { user: 'x' })).toBe('(member={dn})');
  });
});

describe('bind names', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', 'a\\,b'],
    ['x+y=z', 'x\\+y\\=z'],
    [' lead', '\\ lead'],
    ['#hash', '\\#hash'],
    ['trail ', 'trail\\ '],
    ['"<q>";', '\\"\\<q\\>\\"\\;'],
  ])('escapes the DN value %j as %j (RFC 4514)', (value, escaped) => {
    expect(escapeDnValue(value)).toBe(escaped);
  });

  it('escapes the name in a DN template, and leaves it as typed in AD forms', () => {
    expect(fillBindName('uid={user},ou=people,dc=example,dc=org', 'o,ou=admins')).toBe('uid=o\\,ou\\=admins,ou=people,dc=example,dc=org');
    expect(fillBindName('{user}@example.com', 'alice')).toBe('alice@example.com');
    expect(fillBindName('EXAMPLE\\{user}', 'alice')).toBe('EXAMPLE\\alice');
  });
});

describe('entries and groups', () => {
  it('reads attributes without regard to case, text or bytes, one value or several', () => {
    const entry = { dn: 'uid=a', memberof: ['cn=A,dc=t', 'cn=B,dc=t'], displayName: Buffer.from('Ärger'), cn: 'A', empty: [] };
    expect(attributeValues(entry, 'memberOf')).toEqual(['cn=A,dc=t', 'cn=B,dc=t']);
    expect(attributeValues(entry, 'displayname')).toEqual(['Ärger']);
    expect(attributeValues(entry, 'CN')).toEqual(['A']);
    expect(attributeValues(entry, 'mail')).toEqual([]);
    expect(attributeValues(entry, 'empty')).toEqual([]);
    expect(attributeValues(entry, '')).toEqual([]);
  });

  it('merges memberOf and group-search DNs without repeats', () => {
    expect(mergeGroups(['CN=Print Operators,OU=Groups,DC=corp', 'cn=Staff,dc=corp'], ['cn=print operators,ou=groups,dc=corp', ' cn=Extra,dc=corp '])).toEqual([
      'CN=Print Operators,OU=Groups,DC=corp',
      'cn=Staff,dc=corp',
      'cn=Extra,dc=corp',
    ]);
  });

  it('maps memberOf DNs to Printdeck groups by whole DN or first RDN value, without case', () => {
    const groups = [aGroup(1, ['Print Operators']), aGroup(2, ['CN=Helpdesk,OU=Groups,DC=corp']), aGroup(3, ['Nobody'])];
    expect(mappedGroupIds(groups, ['CN=Print Operators,OU=Groups,DC=corp', 'cn=helpdesk,ou=groups,dc=corp', 'CN=Domain Users,CN=Users,DC=corp'])).toEqual([1, 2]);
    expect(mappedGroupIds(groups, ['CN=Print Operators\\, Tokyo,OU=Groups,DC=corp'])).toEqual([]);
    expect(mappedGroupIds(groups, [])).toEqual([]);
  });

  it("takes the directory's spelling of the name only when it is the typed one but for case", () => {
    expect(directoryUserName('ALICE', ['alice'])).toBe('alice');
    expect(directoryUserName('alice@example.com', ['alice'])).toBe('alice@example.com');
    expect(directoryUserName('bob', [])).toBe('bob');
  });

  it("reads why Active Directory refused a bind from its 'data' code", () => {
    expect(activeDirectoryBindProblem('80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563')).toEqual({ reason: 'wrong-password', text: 'wrong password (AD 52e)' });
    expect(activeDirectoryBindProblem('… data 525, v4563')).toMatchObject({ reason: 'unknown-user' });
    expect(activeDirectoryBindProblem('… data 775, v4563')?.text).toMatch(/locked out/);
    expect(activeDirectoryBindProblem('Invalid credentials')).toBeNull();
  });
});
