import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL, isAllowedExternalUrl, isAppOriginUrl, isAppPageUrl } from '../../../src-main/shell/navigation-policy';

const hosts = ['github.com', 'printdeck.app'];

describe('external links allow-list', () => {
  it.each(['https://github.com/printdeck/printdeck', 'https://GITHUB.com/a?b=c#d', 'https://printdeck.app/docs'])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url, hosts)).toBe(true);
  });

  it.each([
    ['plain http', 'http://github.com/'],
    ['a host not on the list', 'https://evil.example/'],
    ['a look-alike host', 'https://github.com.evil.example/'],
    ['a subdomain not listed itself', 'https://gist.github.com/'],
    ['credentials in the URL', 'https://user:pw@github.com/'],
    ['a non-default port', 'https://github.com:8443/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['a malformed URL', 'not a url'],
  ])('refuses %s', (_what, url) => {
    expect(isAllowedExternalUrl(url, hosts)).toBe(false);
  });
});

describe("the app's own page", () => {
  it('is app://printdeck/index.html with any hash or query', () => {
    expect(APP_PAGE_URL).toBe('app://printdeck/index.html');
    expect(isAppPageUrl(APP_PAGE_URL)).toBe(true);
    expect(isAppPageUrl(`${APP_PAGE_URL}#/devices/7`)).toBe(true);
    expect(isAppPageUrl('app://PrintDeck/index.html?x=1')).toBe(true);
    expect(isAppPageUrl('app://printdeck/%69ndex.html')).toBe(true);
  });

  it.each([
    ['another file of the origin', 'app://printdeck/other.html'],
    ['the origin without the page', 'app://printdeck/'],
    ['another host of the scheme', 'app://evil/index.html'],
    ['the built page over file://', 'file:///opt/printdeck/dist/renderer/index.html'],
    ['the same path over http', 'http://printdeck/index.html'],
    ['credentials', 'app://user@printdeck/index.html'],
    ['a port', 'app://printdeck:8080/index.html'],
    ['about:blank', 'about:blank'],
    ['garbage', '::'],
  ])('is not %s', (_what, url) => {
    expect(isAppPageUrl(url)).toBe(false);
  });

  it('is never a page off the app origin, even when asked to compare with one', () => {
    const file = 'file:///opt/printdeck/dist/renderer/index.html';
    expect(isAppPageUrl(file, file)).toBe(false);
  });
});

describe("the app's origin (where any webContents may navigate)", () => {
  it.each(['app://printdeck/index.html', 'app://printdeck/', 'app://printdeck/assets/index-1234.js', 'APP://PRINTDECK/x?y#z'])('includes %s', (url) => {
    expect(isAppOriginUrl(url)).toBe(true);
  });

  it.each(['app://evil/index.html', 'app:///index.html', 'file:///etc/passwd', 'https://github.com/', 'devtools://devtools/bundled/inspector.html', 'about:blank', 'app://printdeck:1/', 'not a url'])(
    'excludes %s',
    (url) => {
      expect(isAppOriginUrl(url)).toBe(false);
    },
  );
});
