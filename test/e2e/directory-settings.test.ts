import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { hasSlapd, selfSignedCertificate, startSlapd, type SlapdRig } from '../helpers/slapd';
import { saveScreenshot, UI_TIMEOUT_MS, waitUntil, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';
import { openSignedIn, sectionNames, showSection, switchLanguage } from './console-access';

/**
 * Settings → Accounts → Directory (LDAP) in Chromium against Debian's slapd on a loopback port
 * (StartTLS with the test's own CA): the administrator fills the form, saves it (a missing
 * password shown under its field first), tests the connection with a directory user (every
 * step, their groups and the Printdeck group they map to), and that user then signs in on the
 * sign-in page. A user with accounts: view sees the settings read-only.
 */

const SUFFIX = 'dc=printdeck,dc=test';
const PEOPLE = `ou=people,${SUFFIX}`;
const SERVICE_DN = `cn=printdeck,ou=services,${SUFFIX}`;
const SERVICE_PASSWORD = 'svc-Secret-4711';
const ALICE = { name: 'alice', displayName: 'Alice Liddell', password: 'alice-Secret-0815' };
const BOB_PASSWORD = 'bob-Secret-2342';
const AUDREY = { name: 'audrey', password: 'audrey-auditor-password' };
const OPERATORS_DN = `cn=Print Operators,ou=groups,${SUFFIX}`;

const LDIF = `dn: ${SUFFIX}
objectClass: dcObject
objectClass: organization
o: Printdeck test
dc: printdeck

dn: ou=people,${SUFFIX}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${SUFFIX}
objectClass: organizationalUnit
ou: groups

dn: ou=services,${SUFFIX}
objectClass: organizationalUnit
ou: services

dn: ${SERVICE_DN}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: printdeck
userPassword: ${SERVICE_PASSWORD}

dn: uid=alice,${PEOPLE}
objectClass: inetOrgPerson
uid: alice
cn: ${ALICE.displayName}
sn: Liddell
displayName: ${ALICE.displayName}
userPassword: ${ALICE.password}

dn: uid=bob,${PEOPLE}
objectClass: inetOrgPerson
uid: bob
cn: Bob Builder
sn: Builder
userPassword: ${BOB_PASSWORD}

dn: ${OPERATORS_DN}
objectClass: groupOfNames
cn: Print Operators
member: uid=alice,${PEOPLE}

dn: cn=Accounting,ou=groups,${SUFFIX}
objectClass: groupOfNames
cn: Accounting
member: uid=bob,${PEOPLE}
member: uid=alice,${PEOPLE}
`;

let session: ConsoleSession | undefined;
let slapd: SlapdRig | undefined;
let rig: ConsoleRig;
let browser: Browser;
/** The administrator's page (signed in by a one-time link). */
let page: Page;
let caPem: string;
let operatorsId: number;
const extra: BrowserContext[] = [];

beforeAll(async () => {
  if (!hasSlapd) return;
  const tls = await selfSignedCertificate({ ip: ['127.0.0.1'] });
  caPem = tls.cert;
  slapd = await startSlapd({ suffix: SUFFIX, ldif: LDIF, tls });
  session = await startConsoleSession({ monitor: false });
  ({ rig, page, browser } = session);
  const { groups } = await rig.api.accounts.listGroups({});
  operatorsId = groups.find((g) => g.builtin === 'operator')?.id ?? -1;
  await rig.api.accounts.updateGroup({ id: operatorsId, directoryGroups: ['Print Operators'] });
  const auditors = await rig.api.accounts.createGroup({ name: 'Account auditors', permissions: { accounts: 'view' } });
  await rig.api.accounts.createUser({ name: AUDREY.name, password: AUDREY.password, groupIds: [auditors.id], mustChangePassword: false });
}, 180_000);

afterEach(async () => {
  for (const context of extra.splice(0)) await context.close();
});

afterAll(async () => {
  await closeConsoleSession(session);
  await slapd?.stop();
});

/** Opens Settings → Accounts → Directory (LDAP). */
async function openDirectoryTab(target: Page): Promise<Locator> {
  await showSection(target, 'Settings');
  await target.getByTestId('settings-page').getByRole('tab', { name: 'Accounts', exact: true }).click();
  await target.getByTestId('accounts-panel').getByRole('tab', { name: 'Directory (LDAP)', exact: true }).click();
  const form = target.getByTestId('directory-settings');
  await form.waitFor();
  return form;
}

/** Closes the notices in the corner (they would cover the screenshot). */
async function dismissNotices(target: Page): Promise<void> {
  const notices = target.getByTestId('notice');
  while ((await notices.count()) > 0) await notices.first().getByRole('button', { name: /^(Close|閉じる)$/ }).click();
}

/** A 1280×720 screenshot with `scrollTo` in view. */
async function at1280(target: Page, name: string, scrollTo?: Locator): Promise<void> {
  await dismissNotices(target);
  await target.setViewportSize({ width: 1280, height: 720 });
  if (scrollTo) await scrollTo.scrollIntoViewIfNeeded();
  await saveScreenshot(target, name);
  await target.setViewportSize({ width: 1440, height: 900 });
}

/** The page has no horizontal scroll bar at 1280 px. */
async function fitsWidth(target: Page): Promise<boolean> {
  await target.setViewportSize({ width: 1280, height: 720 });
  const fits = (await target.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')) as boolean;
  await target.setViewportSize({ width: 1440, height: 900 });
  return fits;
}

const stepsOf = (target: Page) =>
  target
    .getByTestId('directory-test-step')
    .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-step') ?? ''}:${row.getAttribute('data-ok') === 'true' ? 'ok' : row.getAttribute('data-ok') === 'false' ? 'failed' : 'not run'}`));

describe.skipIf(!hasSlapd)('directory (LDAP) settings in the console', () => {
  it('saves the settings through the form: a kind fills its preset, a missing password is shown under its field', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-directory-save').then(() => undefined));
    const form = await openDirectoryTab(page);
    expect(await page.getByTestId('directory-bind-password').getAttribute('data-password-set')).toBe('false');
    expect(await fitsWidth(page), 'no horizontal scroll at 1280 px').toBe(true);
    await at1280(page, 'directory-empty-en');

    await form.getByRole('switch', { name: 'Sign-in through the directory' }).check();
    await form.getByLabel('Directory', { exact: true }).click();
    await page.getByRole('option', { name: 'OpenLDAP' }).click();
    expect(await form.getByRole('textbox', { name: 'User filter' }).inputValue(), 'the preset').toBe('(&(objectClass=inetOrgPerson)(uid={user}))');
    await form.getByRole('textbox', { name: 'Server' }).fill(slapd?.url ?? '');
    await form.getByRole('switch', { name: 'StartTLS' }).check();
    await form.getByRole('textbox', { name: 'CA certificate (PEM)' }).fill(caPem);
    await form.getByRole('textbox', { name: 'Service account (bind DN)' }).fill(SERVICE_DN);
    await form.getByRole('textbox', { name: 'Base DN' }).fill(SUFFIX);
    await form.getByRole('button', { name: 'Save directory settings' }).click();
    await expect.poll(() => page.getByTestId('directory-bind-password').textContent(), { timeout: UI_TIMEOUT_MS }).toContain('The service account needs its password.');
    expect((await rig.api.accounts.getDirectory({})).enabled, 'nothing saved').toBe(false);
    await at1280(page, 'directory-missing-password-en', page.getByTestId('directory-bind-password'));

    await form.getByLabel('Service account password').fill(SERVICE_PASSWORD);
    await form.getByRole('button', { name: 'Save directory settings' }).click();
    await expect.poll(() => page.getByTestId('directory-bind-password').getAttribute('data-password-set'), { timeout: UI_TIMEOUT_MS }).toBe('true');
    expect(await rig.api.accounts.getDirectory({})).toMatchObject({
      enabled: true,
      kind: 'openldap',
      url: slapd?.url,
      startTls: true,
      verifyCertificate: true,
      caCertificate: caPem.trim(),
      bindDn: SERVICE_DN,
      bindPasswordSet: true,
      baseDn: SUFFIX,
      userFilter: '(&(objectClass=inetOrgPerson)(uid={user}))',
      groupsAttribute: 'memberOf',
      groupSearch: { baseDn: '', filter: '(&(objectClass=groupOfNames)(member={dn}))' },
    });
    // The password is write-only: "Set" with Change and Clear, no field holding it.
    const password = page.getByTestId('directory-bind-password');
    expect(await password.getAttribute('data-mode')).toBe('keep');
    expect(await password.locator('input').count(), 'no password field while it is kept').toBe(0);
    expect(await password.getByRole('button').allTextContents()).toEqual(['Change', 'Clear']);
    expect(await page.content(), 'the password is nowhere in the page').not.toContain(SERVICE_PASSWORD);
    await at1280(page, 'directory-saved-en');
  }, 60_000);

  it('tests the connection with a directory user: every step, their directory groups and the Printdeck group they map to', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-directory-test').then(() => undefined));
    const card = page.getByTestId('directory-test');
    await card.getByRole('textbox', { name: 'Test user (optional)' }).fill(ALICE.name);
    await card.getByLabel('Their password (optional)').fill(ALICE.password);
    await card.getByRole('button', { name: 'Test connection' }).click();
    const result = card.getByTestId('directory-test-result');
    await expect.poll(() => result.getAttribute('data-ok'), { timeout: UI_TIMEOUT_MS }).toBe('true');
    expect(await stepsOf(page)).toEqual(['settings:ok', 'connect:ok', 'tls:ok', 'bind:ok', 'search:ok', 'user-bind:ok', 'groups:ok']);
    expect(await card.getByTestId('directory-test-message').nth(2).textContent()).toMatch(/^StartTLS: TLSv1\.[23], certificate "printdeck-test-ldap" verified$/);
    const groups = (await card.getByTestId('directory-test-group').allTextContents()).map((g) => g.toLowerCase());
    expect(groups).toContain(OPERATORS_DN.toLowerCase());
    expect(await card.getByTestId('directory-test-printdeck-group').allTextContents()).toEqual(['Operators']);
    expect(await result.getByRole('status').textContent()).toContain('alice could sign in');
    expect(await fitsWidth(page)).toBe(true);
    await at1280(page, 'directory-test-en', result);

    // Bob's only group is mapped to nothing: refused, at the groups step.
    await card.getByRole('textbox', { name: 'Test user (optional)' }).fill('bob');
    await card.getByLabel('Their password (optional)').fill(BOB_PASSWORD);
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => result.getAttribute('data-failed-step'), { timeout: UI_TIMEOUT_MS }).toBe('groups');
    expect(await card.getByTestId('directory-test-refused').count()).toBe(1);

    // An unsaved change is what is tested: a wrong base DN fails at the search, and the steps after it did not run.
    await page.getByTestId('directory-settings').getByRole('textbox', { name: 'Base DN' }).fill('dc=elsewhere,dc=test');
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => result.getAttribute('data-failed-step'), { timeout: UI_TIMEOUT_MS }).toBe('search');
    expect(await stepsOf(page)).toEqual(['settings:ok', 'connect:ok', 'tls:ok', 'bind:ok', 'search:failed', 'user-bind:not run', 'groups:not run']);
    await at1280(page, 'directory-test-failed-en', result);
    await page.getByTestId('directory-settings').getByRole('textbox', { name: 'Base DN' }).fill(SUFFIX);

    await switchLanguage(page, '日本語');
    await card.getByRole('textbox', { name: 'テストユーザー (任意)' }).fill(ALICE.name);
    await card.getByLabel('そのパスワード (任意)').fill(ALICE.password);
    await card.getByRole('button', { name: '接続をテスト' }).click();
    await expect.poll(() => result.getAttribute('data-ok'), { timeout: UI_TIMEOUT_MS }).toBe('true');
    expect(await card.getByTestId('directory-test-printdeck-group').allTextContents()).toEqual(['オペレーター']);
    expect(await fitsWidth(page)).toBe(true);
    await at1280(page, 'directory-settings-ja', page.getByTestId('settings-page').getByRole('heading', { name: '設定', exact: true }));
    await at1280(page, 'directory-test-ja', result);
    await switchLanguage(page, 'English');
    expect((await rig.api.accounts.listUsers({})).users.map((u) => u.name).sort(), 'testing created nobody').toEqual(['admin', AUDREY.name]);
  }, 90_000);

  it('lets the directory user sign in on the sign-in page, with the rights of the group their directory group maps to', async () => {
    const opened = await openSignedIn(browser, rig, ALICE.name, ALICE.password);
    extra.push(opened.context);
    const alice = opened.page;
    onTestFailed(() => saveScreenshot(alice, 'failed-directory-sign-in').then(() => undefined));
    await alice.getByTestId('user-menu').waitFor();
    const sections = await waitUntil(() => sectionNames(alice), (names) => names.includes('Address books'), UI_TIMEOUT_MS);
    expect(sections.value, "Operators' sections (the address book plug-in's too)").toEqual(['Devices', 'Tasks', 'Monitoring', 'Address books', 'Drivers']);
    const user = (await rig.api.accounts.listUsers({})).users.find((u) => u.name === ALICE.name);
    expect(user).toMatchObject({ source: 'directory', displayName: ALICE.displayName, groupIds: [operatorsId], passwordSet: false });
  }, 60_000);

  it('shows the settings read-only to a user with accounts: view', async () => {
    const opened = await openSignedIn(browser, rig, AUDREY.name, AUDREY.password);
    extra.push(opened.context);
    const audrey = opened.page;
    onTestFailed(() => saveScreenshot(audrey, 'failed-directory-read-only').then(() => undefined));
    const form = await openDirectoryTab(audrey);
    await audrey.getByTestId('read-only-note').waitFor();
    expect(await form.getByRole('textbox', { name: 'Server' }).isEditable()).toBe(false);
    expect(await form.getByRole('textbox', { name: 'Server' }).inputValue()).toBe(slapd?.url);
    expect(await form.getByRole('switch', { name: 'Sign-in through the directory' }).isDisabled()).toBe(true);
    expect(await form.getByRole('button').count(), 'no Save, no Change or Clear').toBe(0);
    expect(await audrey.getByTestId('directory-test').count(), 'no connection test').toBe(0);
    expect(await audrey.getByTestId('directory-bind-password').getAttribute('data-password-set')).toBe('true');
    await at1280(audrey, 'directory-read-only-en');
  }, 60_000);
});
