import { describe, expect, it } from 'vitest';
import { apiWebSocketUrl, rememberAccessToken, resolveAccessToken, searchWithoutToken, TOKEN_STORAGE_KEY } from '../../../src-renderer/api/access-token';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe('access token of the headless server', () => {
  it('takes the token from the address and remembers it for the tab', () => {
    const storage = memoryStorage();
    expect(resolveAccessToken('?token=abc123&x=1', storage)).toBe('abc123');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('abc123');
  });

  it('uses the remembered token after the address lost it (reload)', () => {
    expect(resolveAccessToken('', memoryStorage({ [TOKEN_STORAGE_KEY]: 'kept' }))).toBe('kept');
  });

  it('prefers a new token in the address over a remembered one', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'old' });
    expect(resolveAccessToken('?token=new', storage)).toBe('new');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('has none when neither the address nor the tab has one, or storage is refused', () => {
    expect(resolveAccessToken('?token=', memoryStorage())).toBeNull();
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => undefined };
    expect(resolveAccessToken('', refusing)).toBeNull();
    expect(resolveAccessToken('?token=t', refusing)).toBe('t');
  });

  it('forgets a token', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'x' });
    rememberAccessToken(null, storage);
    expect(storage.data.has(TOKEN_STORAGE_KEY)).toBe(false);
  });

  it('takes only the token out of the query string', () => {
    expect(searchWithoutToken('?token=abc&lang=ja')).toBe('?lang=ja');
    expect(searchWithoutToken('?token=abc')).toBe('');
  });

  it('builds the API socket address of the page host, wss for https, token encoded', () => {
    expect(apiWebSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, 'a b&c')).toBe('ws://127.0.0.1:8080/api?token=a%20b%26c');
    expect(apiWebSocketUrl({ protocol: 'https:', host: 'printdeck.example' }, null)).toBe('wss://printdeck.example/api');
  });
});
