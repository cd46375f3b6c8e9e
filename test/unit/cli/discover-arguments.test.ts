import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src-main/cli/cli-error';
import { buildRequest } from '../../../src-main/cli/discover-command';

/** `printdeck discover` arguments → the search request (the same schema the wizard builds). */

function request(...args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: false,
    options: {
      community: { type: 'string', multiple: true },
      version: { type: 'string' },
      'v3-user': { type: 'string' },
      'v3-auth-key': { type: 'string' },
      'v3-priv-key': { type: 'string' },
      name: { type: 'string', multiple: true },
      'nbns-server': { type: 'string' },
      slp: { type: 'boolean' },
      'slp-group': { type: 'string' },
      'slp-scope': { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      rate: { type: 'string' },
    },
  });
  return buildRequest(values as Parameters<typeof buildRequest>[0], positionals);
}

describe('discover arguments', () => {
  it('tries communities in the order given, then an SNMPv3 set', () => {
    const built = request('10.0.0.0/24', '--community', 'public', '--community', 'private', '--version', '1', '--v3-user', 'ops', '--v3-auth-key', 'authpass1', '--v3-priv-key', 'privpass1');
    expect(built.options.credentials).toEqual([
      { version: 'v1', community: 'public' },
      { version: 'v1', community: 'private' },
      expect.objectContaining({ version: 'v3', user: 'ops', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' }),
    ]);
  });

  it('combines methods: addresses, names with a name server, SLP with scopes; exclusions joined', () => {
    const built = request('10.0.0.1-40', '--name', 'PRN-1', '--name', 'lab.example.com', '--nbns-server', '10.0.0.2:1137', '--slp', '--slp-scope', 'lab', '--exclude', '10.0.0.5', '--exclude', '10.0.0.6');
    expect(built.methods.map((m) => m.kind)).toEqual(['addresses', 'names', 'slp']);
    expect(built.methods[1]).toMatchObject({ names: ['PRN-1', 'lab.example.com'], nbnsServer: '10.0.0.2', nbnsPort: 1137 });
    expect(built.methods[2]).toMatchObject({ group: '239.255.255.253', port: 427, scopes: ['lab'] });
    expect(built.options.exclusions).toBe('10.0.0.5,10.0.0.6');
  });

  it('names what is wrong', () => {
    expect(() => request()).toThrow(CliError);
    expect(() => request('10.0.0.1', '--version', '3')).toThrow(/--version "3" is not one of: 1, 2c/);
    expect(() => request('10.0.0.1', '--slp-group', '239.255.255.253:99999')).toThrow(/--slp-group/);
  });
});
