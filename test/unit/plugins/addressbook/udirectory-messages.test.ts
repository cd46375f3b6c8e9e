import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../../../src-main/plugins/addressbook/adapters/address-book-adapter';
import { items, propertyRow, readReply, requestEnvelope, text, UdirectoryFaultError } from '../../../../src-main/plugins/addressbook/adapters/udirectory-messages';
import { faultMeaning } from '../../../../src-main/plugins/addressbook/adapters/udirectory-session';

const ok = (body: string, status = 200): { status: number; contentType: string; body: string } => ({ status, contentType: 'text/xml', body });

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('udirectory replies as a device may write them', () => {
  it('reads a pretty-printed reply with other prefixes, entities and character references', () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/">
  <SOAP-ENV:Body>
    <ns1:getObjectsPropsResponse xmlns:ns1="http://www.ricoh.co.jp/xmlns/soap/rdh/udirectory">
      <returnValue SOAP-ENC:arrayType="ns2:property[][1]">
        <item>
          <item><propName>id</propName><propVal>7</propVal></item>
          <item>
            <propName>name</propName>
            <propVal>Caf&#233; &amp; Co &#x65E5; &amp;#233;</propVal>
          </item>
          <item><propName>mail:address</propName><propVal/></item>
        </item>
      </returnValue>
    </ns1:getObjectsPropsResponse>
  </SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;
    const rows = items(readReply('getObjectsProps', ok(body), 'device').returnValue).map(propertyRow);
    expect(rows).toEqual([new Map([['id', '7'], ['name', 'Café & Co 日 &#233;'], ['mail:address', '']])]);
  });

  it('a fault becomes UdirectoryFaultError with the rdhError code, or the faultstring when there is none', () => {
    const fault = (detail: string): unknown =>
      thrown(() => readReply('startSession', ok(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>busy</faultstring>${detail}</s:Fault></s:Body></s:Envelope>`, 500), 'device'));
    expect(fault('<detail><rdhError><errorCode>COMMON_BUSY</errorCode><errorDescription>held</errorDescription></rdhError></detail>')).toMatchObject({ code: 'COMMON_BUSY', description: 'held' });
    expect(fault('')).toEqual(new UdirectoryFaultError('busy', 'busy', ''));
  });

  it.each([
    ['HTTP 404', ok('<html>Not found</html>', 404), 'not-supported'],
    ['an HTML page', ok('<html><body>Web Image Monitor</body></html>'), 'not-supported'],
    ['HTTP 401', ok('', 401), 'wrong-credentials'],
    ['a DOCTYPE (no entity expansion)', ok('<!DOCTYPE x [<!ENTITY a "b">]><Envelope><Body/></Envelope>'), 'not-supported'],
    ['HTTP 500 without SOAP', ok('oops', 500), 'failed'],
    ['another operation\'s response', ok('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x:otherResponse xmlns:x="u"/></s:Body></s:Envelope>'), 'failed'],
  ])('%s is AdapterError %s', (_what, reply, step) => {
    const error = thrown(() => readReply('startSession', reply, 'http://10.0.0.5:80'));
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).step).toBe(step);
  });

  it('text() reads mixed content and numbers; absent elements are empty', () => {
    expect(text({ '#text': 'x', item: [] })).toBe('x');
    expect(text(undefined)).toBe('');
    expect(text(12)).toBe('12');
  });
});

describe('udirectory requests', () => {
  it('escapes values and drops characters XML cannot carry', () => {
    const xml = requestEnvelope('putObjectProps', [['sessionId', 'a<b'], ['propList', { props: [['name', 'Tom & "Jerry"\u0001']] }]]);
    expect(xml).toContain('<sessionId>a&lt;b</sessionId>');
    expect(xml).toContain('<propVal>Tom &amp; &quot;Jerry&quot;</propVal>');
    expect(xml).toContain('soap-enc:arrayType="t:property[1]"');
  });
});

describe('what a fault means', () => {
  it.each([
    ['COMMON_AUTHENTICATION_FAILED', 'wrong-credentials'],
    ['COMMON_BUSY', 'busy'],
    ['UDIRECTORY_RECEPTION_RESTRICTED', 'reception-restricted'],
    ['COMMON_INVALID_SESSION', 'session-lost'],
    ['UDIRECTORY_DIRECTORY_FULL', 'full'],
    ['COMMON_SOAP_SERVER', 'device-error'],
    ['UDIRECTORY_DIRECTORY_INCONSISTENT', 'entry'],
    ['COMMON_BAD_PARAMETER', 'entry'],
  ])('%s → %s', (code, meaning) => {
    expect(faultMeaning(new UdirectoryFaultError(code, '', ''))).toBe(meaning);
  });
});
