/**
 * The text side of LDAP sign-in, kept apart from the network (ldap-directory.ts) so it can be
 * tested alone: escaping what a person typed into filters and DNs, reading attribute values,
 * and what Active Directory's bind errors mean.
 */

/**
 * RFC 4515 §3: in a filter's assertion value, NUL, "(", ")", "*" and "\" must be written as
 * "\" and two hex digits; anything else (UTF-8 included) may stay. ldapts has Filter.escape for
 * the same five characters, but only ldap-directory.ts imports ldapts. Without this, a user name
 * "*" would match the first entry, and "x)(uid=*" would rewrite the filter.
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\0()*\\]/g, (char) => `\\${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Replaces {user} and {dn} in a filter with escaped values (placeholders without a value stay as they are). */
export function fillFilter(template: string, values: { user?: string; dn?: string }): string {
  return template.replace(/\{(user|dn)\}/g, (whole, key: 'user' | 'dn') => {
    const value = values[key];
    return value === undefined ? whole : escapeFilterValue(value);
  });
}

/**
 * RFC 4514 §2.4: in an attribute value of a DN, '"', "+", ",", ";", "<", ">", "\" and "="
 * are escaped with "\", as are a leading "#" or space and a trailing space; NUL as "\00".
 */
export function escapeDnValue(value: string): string {
  const chars = [...value];
  return chars
    .map((char, index) => {
      if (char === '\0') return '\\00';
      if ('"+,;<>\\='.includes(char)) return `\\${char}`;
      if (index === 0 && (char === '#' || char === ' ')) return `\\${char}`;
      if (index === chars.length - 1 && char === ' ') return '\\ ';
      return char;
    })
    .join('');
}

/** A template shaped like a DN ("uid={user},ou=people,…"), as opposed to "{user}@example.com" or "EXAMPLE\{user}". */
export function isDnTemplate(template: string): boolean {
  return /^\s*[A-Za-z][A-Za-z0-9-]*\s*=/.test(template);
}

/** The bind name of a direct bind: a DN-shaped template gets the name DN-escaped, any other (AD's user@domain) as typed. */
export function fillBindName(template: string, user: string): string {
  const value = isDnTemplate(template) ? escapeDnValue(user) : user;
  return template.replace(/\{user\}/g, () => value);
}

/** What an entry attribute holds, as ldapts gives it (one value or several, text or bytes). */
export type AttributeValue = string | string[] | Uint8Array | Uint8Array[];

/** The values of an attribute, found without regard to case (servers answer "memberof" for "memberOf"); bytes read as UTF-8. */
export function attributeValues(entry: Readonly<Record<string, AttributeValue>>, name: string): string[] {
  if (!name) return [];
  const wanted = name.toLowerCase();
  const key = Object.keys(entry).find((k) => k.toLowerCase() === wanted);
  const raw = key === undefined ? undefined : entry[key];
  if (raw === undefined) return [];
  const list: (string | Uint8Array)[] = Array.isArray(raw) ? raw : [raw];
  return list.map((v) => (typeof v === 'string' ? v : new TextDecoder().decode(v))).filter((v) => v !== '');
}

/** Directory groups from the groups attribute and from a group search, without repeats (DNs compared without case). */
export function mergeGroups(...lists: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>();
  const merged: string[] = [];
  for (const group of lists.flat()) {
    const key = group.trim().toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    merged.push(group.trim());
  }
  return merged;
}

/**
 * The name a directory user gets in Printdeck: the directory's spelling when it is the typed
 * name but for case, else the name as typed (a filter that also matches mail addresses must not
 * turn "alice@example.com" into "alice", or the next sign-in would not find the account).
 */
export function directoryUserName(typed: string, fromDirectory: readonly string[]): string {
  return fromDirectory.find((v) => v.toLowerCase() === typed.toLowerCase()) ?? typed;
}

/**
 * Active Directory answers every refused bind with invalidCredentials (49) and says why in
 * "data <hex>" of its message: the reason for the log, and whether the user exists at all.
 */
const AD_BIND_CODES: Readonly<Record<string, { reason: 'unknown-user' | 'wrong-password'; text: string }>> = {
  '525': { reason: 'unknown-user', text: 'no such user (AD 525)' },
  '52e': { reason: 'wrong-password', text: 'wrong password (AD 52e)' },
  '530': { reason: 'wrong-password', text: 'not allowed to sign in at this time (AD 530)' },
  '531': { reason: 'wrong-password', text: 'not allowed to sign in from this computer (AD 531)' },
  '532': { reason: 'wrong-password', text: 'the password has expired (AD 532)' },
  '533': { reason: 'wrong-password', text: 'the account is disabled (AD 533)' },
  '701': { reason: 'wrong-password', text: 'the account has expired (AD 701)' },
  '773': { reason: 'wrong-password', text: 'the password must be changed first (AD 773)' },
  '775': { reason: 'wrong-password', text: 'the account is locked out (AD 775)' },
};

export function activeDirectoryBindProblem(serverMessage: string): { reason: 'unknown-user' | 'wrong-password'; text: string } | null {
  const code = /\bdata ([0-9a-f]{3,4})\b/i.exec(serverMessage)?.[1]?.toLowerCase();
  return code === undefined ? null : (AD_BIND_CODES[code] ?? null);
}
