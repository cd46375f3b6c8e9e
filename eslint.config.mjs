// Lint rules, including the layering of ARCHITECTURE.md: a wrong import is a lint error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'net', 'dgram', 'crypto', 'child_process', 'http', 'https', 'url', 'util', 'events', 'stream', 'worker_threads'];
const nativeLibs = ['net-snmp', 'better-sqlite3', 'electron', 'nodemailer', 'basic-ftp', 'node-schedule', 'ldapts'];

// Bare module names ('net', 'electron') must match the whole specifier: as gitignore-style
// patterns they would also refuse our own folders of that name (src-shared/net).
const bare = (p) => /^[a-z@][\w.@/-]*$/.test(p) && !p.includes('*') && !p.includes('/');
const escape = (p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const restrict = (patterns, message) => {
  const names = patterns.filter(bare);
  const globs = patterns.filter((p) => !bare(p));
  return {
    'no-restricted-imports': ['error', { patterns: [
      ...(globs.length > 0 ? [{ group: globs, message }] : []),
      ...(names.length > 0 ? [{ regex: `^(${names.map(escape).join('|')})(/.*)?$`, message }] : []),
    ] }],
  };
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: restrict([...nodeOnly, ...nativeLibs, 'react', '**/src-main/**', '**/src-renderer/**'],
      'src-shared is pure: no Node, Electron, native libraries or other layers.'),
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: restrict([...nodeOnly, ...nativeLibs, '**/src-main/**'],
      'The renderer sees the core only through src-shared contracts and src-renderer/api.'),
  },
  {
    files: ['src-main/core/**/*.ts'],
    ignores: ['src-main/core/snmp/net-snmp-client.ts', 'src-main/core/store/**', 'src-main/core/auth/ldap-directory.ts'],
    rules: restrict(['electron', 'net-snmp', 'better-sqlite3', 'ldapts', 'prom-client', '**/src-renderer/**', '**/shell/**', '**/server/**', '**/cli/**'],
      'core never imports electron or a host; net-snmp only in core/snmp/net-snmp-client.ts, better-sqlite3 only in core/store, ldapts only in core/auth/ldap-directory.ts, prom-client only in server/metrics-registry.ts.'),
  },
  {
    files: ['src-main/core/auth/ldap-directory.ts'],
    rules: restrict(['electron', 'net-snmp', 'better-sqlite3', '**/src-renderer/**', '**/shell/**', '**/server/**', '**/cli/**'], 'The LDAP adapter imports ldapts only.'),
  },
  {
    files: ['src-main/core/snmp/net-snmp-client.ts'],
    rules: restrict(['electron', 'better-sqlite3', '**/src-renderer/**'], 'The SNMP adapter imports net-snmp only.'),
  },
  {
    files: ['src-main/core/store/**/*.ts'],
    rules: restrict(['electron', 'net-snmp', '**/src-renderer/**'], 'The store imports better-sqlite3 only.'),
  },
  {
    // Plug-ins use only the plug-in interface (src-main/plugin-api) and src-shared, as an outside plug-in would.
    files: ['src-main/plugins/**/*.ts'],
    rules: restrict(['electron', 'net-snmp', 'better-sqlite3', '**/src-renderer/**', '**/core/**', '**/server/**', '**/cli/**', '**/shell/**', '**/simulator/**'],
      'A plug-in imports only src-main/plugin-api, src-shared, Node and its own libraries: the console reaches it through the plug-in interface.'),
  },
  {
    // The agent runs on client PCs without the console: src-shared, Node, its libraries and the drivers plug-in's store reader only.
    files: ['src-main/agent/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        regex: '^((electron|net-snmp|better-sqlite3|ldapts|prom-client)(/.*)?|.*src-renderer/.*|(\\.\\./)+(core|server|cli|shell|simulator|plugin-api)(/.*)?|(\\.\\./)+plugins/(?!drivers/store-files/).*)$',
        message: 'The agent imports only src-shared, Node, its own libraries and src-main/plugins/drivers/store-files (the FTP reader with the SHA-256 check): it runs on client PCs without the console.',
      }] }],
    },
  },
  {
    files: ['src-renderer/plugins/**/*.ts', 'src-renderer/plugins/**/*.tsx'],
    rules: restrict([...nodeOnly, ...nativeLibs, '**/src-main/**', '**/features/**', '**/app/**'],
      "A renderer plug-in builds on src-renderer/ui, src-renderer/api and src-shared, not on the console's features."),
  },
  {
    files: ['src-main/simulator/**/*.ts', 'src-main/cli/**/*.ts', 'src-main/server/**/*.ts'],
    ignores: ['src-main/server/metrics-registry.ts'],
    rules: restrict(['electron', 'net-snmp', 'prom-client', '**/src-renderer/**', '**/shell/**'],
      'Only the shell imports electron; only core/snmp imports net-snmp; only server/metrics-registry.ts imports prom-client.'),
  },
  {
    files: ['src-main/server/metrics-registry.ts'],
    rules: restrict(['electron', 'net-snmp', '**/src-renderer/**', '**/shell/**'], 'The Prometheus adapter imports prom-client only.'),
  },
);
