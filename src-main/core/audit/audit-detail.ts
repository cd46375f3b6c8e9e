/**
 * What the audit log keeps of a call's argument: secrets masked (ASVS 16.2.5), long texts
 * shortened (a CSV import is logged by its size, not its content), and the targets named.
 */

/** Keys whose values are secrets wherever they appear in an argument. */
/** Any key ending in "key" (privateKey, authKey, privKey, apiKey …): a key is a secret until shown otherwise. */
const SECRET_KEY = /(password|passwd|passphrase|secret|token|community|communities|key)s?$/i;
/** Keys whose values are a file's bytes (imports): logged by their size only, as a file may hold passwords. */
const FILE_KEY = /^content$/;
const MAX_TEXT = 200;
const MAX_ARRAY = 50;
const MAX_DEPTH = 6;
export const MASK = '••••••';

/** A copy of `value` safe to store: secrets masked, long strings and arrays shortened. */
export function maskedDetail(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}… (${value.length} characters)` : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ARRAY).map((v) => maskedDetail(v, depth + 1));
    return value.length > MAX_ARRAY ? [...shown, `… ${value.length - MAX_ARRAY} more`] : shown;
  }
  const result: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEY.test(key) && v !== null && v !== undefined && v !== '') result[key] = MASK;
    else if (FILE_KEY.test(key) && typeof v === 'string') result[key] = `(${v.length} characters)`;
    else result[key] = maskedDetail(v, depth + 1);
  }
  return result;
}

const TARGET_KEYS: readonly [string, string][] = [
  ['id', ''],
  ['ids', ''],
  ['deviceIds', 'device'],
  ['groupIds', 'group'],
  ['userId', 'user'],
  ['taskId', 'task'],
  ['executionId', 'execution'],
  ['runId', 'search'],
  ['conditionId', 'condition'],
];

/**
 * What a call was applied to, as short labels: "device 12", "user 3", "name Finance". The
 * kind of a bare `id`/`ids` comes from the service ("devices.remove" → "device").
 */
export function auditTargets(method: string, params: unknown): string[] {
  if (typeof params !== 'object' || params === null) return [];
  const record = params as Record<string, unknown>;
  const [service = '', name = ''] = method.split('.');
  const own = service === 'accounts' ? (/Group/.test(name) ? 'group' : /Token/.test(name) ? 'token' : 'user') : (SERVICE_NOUN[service] ?? service);
  const targets: string[] = [];
  for (const [key, noun] of TARGET_KEYS) {
    const value = record[key];
    const label = noun || own;
    if (typeof value === 'number') targets.push(`${label} ${value}`);
    else if (Array.isArray(value)) {
      for (const item of value.slice(0, MAX_ARRAY)) if (typeof item === 'number') targets.push(`${label} ${item}`);
      if (value.length > MAX_ARRAY) targets.push(`… ${value.length - MAX_ARRAY} more`);
    }
  }
  for (const key of ['name', 'userName', 'address']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') targets.push(`${key} ${value.slice(0, MAX_TEXT)}`);
  }
  return targets;
}

const SERVICE_NOUN: Readonly<Record<string, string>> = {
  devices: 'device',
  groups: 'group',
  tasks: 'task',
  mail: 'mail',
  monitoring: 'condition',
  discovery: 'search',
};
