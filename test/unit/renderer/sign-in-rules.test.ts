import { describe, expect, it } from 'vitest';
import { apiWebSocketUrl } from '../../../src-renderer/api/api-url';
import { closeEndsSession, replyEndsSession, SESSION_ENDED_CLOSE_CODE } from '../../../src-renderer/api/session-end';
import { fetchSignedIn, signInOverHttp, signOutOverHttp, WEB_AUTH_PATHS, type HttpFetch, type HttpRequest } from '../../../src-renderer/api/web-sign-in';
import { noticeFromAddress } from '../../../src-renderer/app/sign-in-notice';
import { initialsOf } from '../../../src-renderer/app/user-initials';

/** A scripted server: answers each path with a status and a body (or text that is not JSON). */
function fakeServer(answers: Record<string, { status: number; body: unknown } | Error>) {
  const calls: { url: string; init: HttpRequest }[] = [];
  const fetch: HttpFetch = async (url, init) => {
    calls.push({ url, init });
    const answer = answers[url];
    if (answer === undefined) throw new Error(`no answer scripted for ${url}`);
    if (answer instanceof Error) throw answer;
    return {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      json: async () => {
        if (typeof answer.body === 'string') throw new SyntaxError('not JSON');
        return answer.body;
      },
    };
  };
  return { fetch, calls };
}

describe('the web sign-in over HTTP', () => {
  it('asks /auth/session whether this browser is signed in, without caching', async () => {
    const signedIn = fakeServer({ [WEB_AUTH_PATHS.session]: { status: 200, body: { signedIn: true } } });
    await expect(fetchSignedIn(signedIn.fetch)).resolves.toBe(true);
    expect(signedIn.calls[0]?.init).toMatchObject({ method: 'GET', credentials: 'same-origin', cache: 'no-store' });
    await expect(fetchSignedIn(fakeServer({ [WEB_AUTH_PATHS.session]: { status: 200, body: { signedIn: false } } }).fetch)).resolves.toBe(false);
    await expect(fetchSignedIn(fakeServer({ [WEB_AUTH_PATHS.session]: { status: 200, body: 'odd' } }).fetch)).rejects.toThrow('not JSON');
    await expect(fetchSignedIn(fakeServer({ [WEB_AUTH_PATHS.session]: { status: 502, body: {} } }).fetch)).rejects.toThrow('answered 502');
  });

  it('posts the user name and password as JSON and passes a refusal on with the server message', async () => {
    const ok = fakeServer({ [WEB_AUTH_PATHS.signIn]: { status: 200, body: { user: {} } } });
    await expect(signInOverHttp(ok.fetch, 'alice', 'pa"ss')).resolves.toEqual({ ok: true });
    expect(ok.calls[0]?.init).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userName: 'alice', password: 'pa"ss' }) });

    const refused = fakeServer({ [WEB_AUTH_PATHS.signIn]: { status: 401, body: { message: 'Sign-in failed: …' } } });
    await expect(signInOverHttp(refused.fetch, 'alice', 'wrong')).resolves.toEqual({ ok: false, status: 401, message: 'Sign-in failed: …' });
    const odd = fakeServer({ [WEB_AUTH_PATHS.signIn]: { status: 500, body: 'internal error' } });
    await expect(signInOverHttp(odd.fetch, 'alice', 'x')).resolves.toEqual({ ok: false, status: 500, message: 'the Printdeck server answered 500' });
    await expect(signInOverHttp(fakeServer({ [WEB_AUTH_PATHS.signIn]: new TypeError('Failed to fetch') }).fetch, 'a', 'b')).rejects.toThrow('Failed to fetch');
  });

  it('signs out with a POST and reports a refusal', async () => {
    const ok = fakeServer({ [WEB_AUTH_PATHS.signOut]: { status: 200, body: {} } });
    await signOutOverHttp(ok.fetch);
    expect(ok.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['POST /auth/sign-out']);
    await expect(signOutOverHttp(fakeServer({ [WEB_AUTH_PATHS.signOut]: { status: 403, body: { message: 'Sign out from the console’s own page.' } } }).fetch)).rejects.toThrow('own page');
  });

  it('builds the API socket address of the page host with no secret in it, wss for https', () => {
    expect(apiWebSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api');
    expect(apiWebSocketUrl({ protocol: 'https:', host: 'printdeck.example' })).toBe('wss://printdeck.example/api');
  });
});

describe('when the session is gone', () => {
  it('an unauthorized answer ends it, but not a wrong password typed into sign-in or password change', () => {
    expect(replyEndsSession('devices.list', { code: 'unauthorized', message: 'Your session has ended.' })).toBe(true);
    expect(replyEndsSession('devices.remove', { code: 'forbidden', message: 'You may not do this' })).toBe(false);
    expect(replyEndsSession('auth.signIn', { code: 'unauthorized', message: 'Sign-in failed' })).toBe(false);
    expect(replyEndsSession('auth.changePassword', { code: 'unauthorized', message: 'The current password is wrong.' })).toBe(false);
  });

  it('the server’s signed-out close code ends it; a dropped connection does not', () => {
    expect(SESSION_ENDED_CLOSE_CODE).toBe(4401);
    expect(closeEndsSession(4401)).toBe(true);
    expect(closeEndsSession(1006)).toBe(false);
    expect(closeEndsSession(1001)).toBe(false);
  });
});

describe('the sign-in page', () => {
  it('says a one-time link was used or expired, and takes only that parameter out of the address', () => {
    expect(noticeFromAddress('?link=expired')).toEqual({ notice: 'linkExpired', search: '' });
    expect(noticeFromAddress('?lang=ja&link=expired')).toEqual({ notice: 'linkExpired', search: '?lang=ja' });
    expect(noticeFromAddress('?link=other')).toEqual({ notice: null, search: '' });
    expect(noticeFromAddress('?lang=ja')).toEqual({ notice: null, search: '?lang=ja' });
    expect(noticeFromAddress('')).toEqual({ notice: null, search: '' });
  });

  it('shows initials of the display name in the user menu', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('admin')).toBe('AD');
    expect(initialsOf('山田 太郎')).toBe('山太');
    expect(initialsOf('  ')).toBe('?');
  });
});
