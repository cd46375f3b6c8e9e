import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAppPageUrl } from '../../../src-main/shell/navigation-policy';

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
  const own = 'file:///opt/print%20deck/dist/renderer/index.html';

  it('is the renderer file with any hash or query', () => {
    expect(isAppPageUrl(own, own)).toBe(true);
    expect(isAppPageUrl(`${own}#/devices/7`, own)).toBe(true);
    expect(isAppPageUrl('file:///opt/print deck/dist/renderer/index.html?x=1', own)).toBe(true);
  });

  it.each([
    ['another file', 'file:///opt/print%20deck/dist/renderer/other.html'],
    ['a file on another host', 'file://server/opt/print%20deck/dist/renderer/index.html'],
    ['the same path over http', 'http://localhost/opt/print%20deck/dist/renderer/index.html'],
    ['about:blank', 'about:blank'],
    ['garbage', '::'],
  ])('is not %s', (_what, url) => {
    expect(isAppPageUrl(url, own)).toBe(false);
  });
});
