import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProfiles, ProfileError } from '../../../src-main/core/profiles/profile-loader';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'printdeck-profiles-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function aProfile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'acme', vendor: 'Acme', match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.99999'] }, ...overrides };
}

function write(name: string, content: unknown): void {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
}

async function loadError(): Promise<ProfileError> {
  const error: unknown = await loadProfiles(dir).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ProfileError)) throw new Error(`expected a ProfileError, got ${String(error)}`);
  return error;
}

describe('loadProfiles', () => {
  it('returns the valid profiles in file-name order and ignores other files', async () => {
    write('b.json', aProfile({ id: 'b' }));
    write('a.json', aProfile({ id: 'a' }));
    write('README.md', '# not a profile');
    const profiles = await loadProfiles(dir);
    expect(profiles.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('names the file when it is not JSON', async () => {
    write('broken.json', '{ "id": "x", ');
    const error = await loadError();
    expect(error.file).toBe(join(dir, 'broken.json'));
    expect(error.jsonPath).toBe('$');
    expect(error.message).toMatch(/broken\.json: \$: not valid JSON/);
  });

  it('names the file and the JSON path of a schema violation', async () => {
    write('acme.json', aProfile({ counters: [{ name: 'total', unit: 'pages', oid: '1.3.6.1.4.1.1.1' }, { name: 'mono', unit: 'pages', oid: '.1.3.6' }] }));
    const error = await loadError();
    expect(error.file).toBe(join(dir, 'acme.json'));
    expect(error.jsonPath).toBe('$.counters[1].oid');
    expect(error.problem).toMatch(/numeric OID without a leading dot/);
  });

  it('takes SNMP context names for the supplies, and names one that is not a context name', async () => {
    write('acme.json', aProfile({ supplyContexts: ['Jetdirect'] }));
    expect((await loadProfiles(dir))[0]?.supplyContexts).toEqual(['Jetdirect']);
    write('acme.json', aProfile({ supplyContexts: ['Jetdirect', 'public@Jetdirect'] }));
    const error = await loadError();
    expect(error.jsonPath).toBe('$.supplyContexts[1]');
    expect(error.problem).toMatch(/SNMP context name/);
  });

  it('rejects an unknown key, so a misspelt field is not silently ignored', async () => {
    write('acme.json', aProfile({ modle: { oid: '1.3.6.1.2.1.25.3.2.1.3.1' } }));
    const error = await loadError();
    expect(error.jsonPath).toBe('$');
    expect(error.problem).toMatch(/modle/);
  });

  it('rejects a regex that does not compile, at its path', async () => {
    write('acme.json', aProfile({ match: { sysObjectIdPrefixes: [], sysDescrPatterns: ['^Acme('] } }));
    const error = await loadError();
    expect(error.jsonPath).toBe('$.match.sysDescrPatterns[0]');
    expect(error.problem).toMatch(/not a valid regular expression/);
  });

  it('rejects a value source that names both an OID and sysDescr', async () => {
    write('acme.json', aProfile({ model: [{ oid: '1.3.6.1.2.1.1.5.0', fromSysDescr: 'x' }] }));
    const error = await loadError();
    expect(error.jsonPath).toBe('$.model[0]');
    expect(error.problem).toMatch(/exactly one of "oid" or "fromSysDescr"/);
  });

  it('rejects a non-fallback profile that could never match', async () => {
    write('acme.json', aProfile({ match: { sysObjectIdPrefixes: [] } }));
    const error = await loadError();
    expect(error.jsonPath).toBe('$.match');
  });

  it('rejects duplicate profile ids, naming both files', async () => {
    write('a.json', aProfile({ id: 'same' }));
    write('b.json', aProfile({ id: 'same' }));
    const error = await loadError();
    expect(error.file).toBe(join(dir, 'b.json'));
    expect(error.jsonPath).toBe('$.id');
    expect(error.problem).toContain(join(dir, 'a.json'));
  });

  it('rejects a second fallback profile', async () => {
    write('a.json', { id: 'a', vendor: null, fallback: true, match: { sysObjectIdPrefixes: [] } });
    write('b.json', { id: 'b', vendor: null, fallback: true, match: { sysObjectIdPrefixes: [] } });
    const error = await loadError();
    expect(error.jsonPath).toBe('$.fallback');
  });

  it('rejects a folder that does not exist, naming it', async () => {
    const missing = join(dir, 'nope');
    const error: unknown = await loadProfiles(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileError);
    expect(String(error)).toContain(missing);
  });
});
