import {
  defaultDirectoryPort,
  directoryConnectionSettingsSchema,
  directoryConnectionWarnings,
  type DirectoryConnection,
  type DirectoryConnectionSettingsInput,
  type DirectoryTestResult,
} from '../../../../src-shared/plugins/addressbook/directory-connection';
import { entryToRecord, requestedAttributes, type DirectoryRecord } from './ldap-import';
import { DirectoryFailure, LdapSession, type SearchPage, type StepReport } from './ldap-session';

/**
 * "Test connection" for a directory connection, saved or still in the form: the settings, TCP,
 * TLS, the bind, the base DN and a first page of the search, each reported with what it found
 * or why it failed, plainly. The first failure ends the test. Never throws.
 */

/** Names shown as the sample of what the filter matches. */
export const SAMPLE_SIZE = 5;

export async function testDirectoryConnection(settings: DirectoryConnectionSettingsInput, password: string | null, options: { signal?: AbortSignal } = {}): Promise<DirectoryTestResult> {
  const steps: StepReport[] = [];
  const result = (fields: Partial<Pick<DirectoryTestResult, 'firstPageCount' | 'morePages' | 'sample' | 'warnings'>> = {}): DirectoryTestResult => ({
    ok: steps.length > 0 && steps.every((step) => step.ok),
    steps: [...steps],
    firstPageCount: fields.firstPageCount ?? null,
    morePages: fields.morePages ?? false,
    sample: fields.sample ?? [],
    warnings: fields.warnings ?? [],
  });

  const parsed = directoryConnectionSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    steps.push({ step: 'settings', ok: false, message: problems.join('; '), ms: 0 });
    return result();
  }
  const connection = parsed.data;
  const warnings = directoryConnectionWarnings(connection);
  if (connection.bindDn !== '' && (password === null || password === '')) {
    steps.push({ step: 'settings', ok: false, message: 'the connection has a bind DN but no password: enter the bind password', ms: 0 });
    return result({ warnings });
  }
  steps.push({ step: 'settings', ok: true, message: describeSettings(connection), ms: 0 });

  let session: LdapSession | null = null;
  try {
    session = await LdapSession.open(connection, { signal: options.signal, onStep: (report) => steps.push(report) });
    await session.bind(connection.bindDn, password);
    await session.checkBase(connection.baseDn);
    const open = session;
    const attributes = requestedAttributes(connection.mapping);
    const first = await session.step(
      'search',
      async () => {
        const pages = open.pages(connection.baseDn, { filter: connection.filter, attributes, pageSize: connection.pageSize });
        try {
          const page = await pages.next();
          if (page.done) return { page: null, more: false };
          // Whether anything follows is known only by asking for the next page (bounded by the page size).
          const next = await pages.next();
          return { page: page.value, more: !next.done && next.value.entries.length > 0 };
        } finally {
          await pages.return(undefined);
        }
      },
      ({ page, more }) => describeFirstPage(page, more, connection),
      // Two pages, each bounded on its own.
      2,
    );
    const entries = first.page?.entries ?? [];
    const sample = entries.slice(0, SAMPLE_SIZE).map((entry, index) => nameOf(entryToRecord(entry, index + 1, attributes).record, connection));
    if (entries.length === 0) {
      // The search ran, but an import would bring nothing: not a passed test.
      const last = steps[steps.length - 1];
      if (last?.step === 'search') last.ok = false;
    }
    return result({ firstPageCount: entries.length, morePages: first.more, sample, warnings });
  } catch (error) {
    if (!(error instanceof DirectoryFailure)) steps.push({ step: 'search', ok: false, message: error instanceof Error ? error.message : String(error), ms: 0 });
    else if (!steps.some((step) => !step.ok)) steps.push({ step: error.step, ok: false, message: error.message, ms: 0 });
    return result({ warnings });
  } finally {
    await session?.close();
  }
}

function describeSettings(connection: DirectoryConnection): string {
  const port = connection.port ?? defaultDirectoryPort(connection.security);
  const security = connection.security === 'ldaps' ? 'LDAPS' : connection.security === 'starttls' ? 'LDAP with StartTLS' : 'plain LDAP';
  return `${security} to ${connection.host}:${port}, ${connection.bindDn === '' ? 'anonymous' : `bind as ${connection.bindDn}`}, search below ${connection.baseDn}`;
}

function describeFirstPage(page: SearchPage | null, more: boolean, connection: DirectoryConnection): string {
  const count = page?.entries.length ?? 0;
  if (count === 0) return `no entry below ${connection.baseDn} matches ${connection.filter}: check the filter, and that the bind DN may read the entries`;
  const referrals = page && page.references > 0 ? ` (and ${page.references} referral(s) to other directories, not followed)` : '';
  return more
    ? `${count} matching entries on the first page, more on the following pages${referrals}`
    : `${count} matching ${count === 1 ? 'entry' : 'entries'}, all on the first page${referrals}`;
}

/** The mapped name, else the value of the DN's first part ("cn=Sales,ou=groups,…" → "Sales"). */
function nameOf(record: DirectoryRecord, connection: DirectoryConnection): string {
  const mapped = record.attributes[connection.mapping.name]?.[0];
  if (mapped !== undefined && mapped.trim() !== '') return mapped.trim();
  const first = /^[^=]+=((?:\\.|[^,+\\])*)/.exec(record.dn)?.[1];
  return first === undefined ? record.dn : first.replace(/\\(.)/g, '$1');
}
