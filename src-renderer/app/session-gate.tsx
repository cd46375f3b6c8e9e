import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../src-shared/rpc/app-error';
import { ApiProvider } from '../api/api-context';
import { createRendererApi, type RendererApi } from '../api/renderer-api';
import { SessionProvider, useSession, type Me } from '../api/session-context';
import { fetchSignedIn, signInOverHttp, signOutOverHttp, type HttpFetch } from '../api/web-sign-in';
import { errorMessage } from '../ui/notice.store';
import { ChangePasswordScreen } from './change-password-screen';
import { safeNextPath } from './next-path';
import { SignInPage } from './sign-in-page';
import { noticeFromAddress, type SignInNotice } from './sign-in-notice';
import type { SystemInfo } from './system-info';

interface Flow {
  stage: 'connect' | 'sign-in';
  notice: SignInNotice | null;
  /** Each connect is a new attempt with a new connection. */
  attempt: number;
}

type Connection =
  | { kind: 'checking'; attempt: number }
  | { kind: 'ready'; attempt: number; api: RendererApi; info: SystemInfo; me: Me & { user: NonNullable<Me['user']> } }
  | { kind: 'failed'; attempt: number; message: string };

/** The Electron preload bridge is there: calls go over IPC and the shell keeps the session per window. */
const desktop = (): boolean => typeof window !== 'undefined' && window.printdeck !== undefined;
const httpFetch: HttpFetch = (url, init) => window.fetch(url, init);

/** Reads ?link=expired once per page load and takes it out of the address bar. */
function initialFlow(): Flow {
  const { notice, search } = noticeFromAddress(window.location.search);
  if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
  return { stage: 'connect', notice, attempt: 0 };
}

/**
 * Nobody sees the console without being someone. In a browser: GET /auth/session, then the
 * sign-in page or the API socket (authorised by the session cookie). On the desktop: auth.me
 * over IPC, and the sign-in page when the shell requires one. A session that ends (the socket
 * closed as signed out, a call answering 'unauthorized') returns here with "your session
 * ended"; a user who must change their password sees only that screen.
 */
export function SessionGate({ children }: { children: (info: SystemInfo) => ReactNode }) {
  const { t } = useTranslation();
  const [flow, setFlow] = useState<Flow>(initialFlow);
  const [connection, setConnection] = useState<Connection>({ kind: 'checking', attempt: 0 });

  const toSignIn = useCallback((notice: SignInNotice | null) => setFlow((f) => (f.stage === 'sign-in' && notice === null ? f : { stage: 'sign-in', notice: notice ?? f.notice, attempt: f.attempt })), []);
  const reconnect = useCallback((notice: SignInNotice | null) => setFlow((f) => ({ stage: 'connect', notice, attempt: f.attempt + 1 })), []);

  useEffect(() => {
    if (flow.stage !== 'connect') return;
    const { attempt } = flow;
    let live = true;
    let rendererApi: RendererApi | null = null;
    setConnection({ kind: 'checking', attempt });
    const leave = (notice: SignInNotice | null): void => {
      if (live) toSignIn(notice);
    };
    void (async () => {
      try {
        if (!desktop() && !(await fetchSignedIn(httpFetch))) return leave(null);
        if (!live) return;
        // Sent here from a plug-in's page (/?next=/plugins/…): back there once signed in.
        const next = desktop() ? null : safeNextPath(window.location.search);
        if (next !== null) return window.location.assign(next);
        const opened = createRendererApi(desktop() ? {} : { checkSignedIn: () => fetchSignedIn(httpFetch) });
        rendererApi = opened;
        opened.onSessionEnded(() => leave('ended'));
        const me = await opened.api.auth.me({});
        if (me.user === null) return leave(null);
        const info = await opened.api.system.info({});
        if (live) setConnection({ kind: 'ready', attempt, api: opened, info, me: { ...me, user: me.user } });
      } catch (caught) {
        if (live && !(caught instanceof AppError && caught.code === 'unauthorized')) setConnection({ kind: 'failed', attempt, message: errorMessage(caught) });
      }
    })();
    return () => {
      live = false;
      rendererApi?.close();
    };
  }, [flow.stage, flow.attempt, toSignIn]);

  const signIn = useCallback(
    async (userName: string, password: string): Promise<string | null> => {
      try {
        if (desktop()) {
          const once = createRendererApi();
          try {
            await once.api.auth.signIn({ userName, password });
          } finally {
            once.close();
          }
        } else {
          const outcome = await signInOverHttp(httpFetch, userName, password);
          // One text for every reason (ASVS 16.5.1), in the page's language; other refusals as the server says them.
          if (!outcome.ok) return outcome.status === 401 ? t('signIn.failed') : outcome.message;
        }
      } catch (caught) {
        if (caught instanceof AppError && caught.code === 'unauthorized') return t('signIn.failed');
        return caught instanceof AppError ? caught.message : t('signIn.unreachable', { message: errorMessage(caught) });
      }
      reconnect(null);
      return null;
    },
    [t, reconnect],
  );

  const ready = connection.kind === 'ready' && connection.attempt === flow.attempt && flow.stage === 'connect' ? connection : null;
  const readyApi = ready?.api ?? null;
  const signOut = useCallback(async () => {
    try {
      if (desktop()) await readyApi?.api.auth.signOut({});
      else {
        // Closed first: the server then closes this socket as signed out, which must not read as "your session ended".
        readyApi?.close();
        await signOutOverHttp(httpFetch);
      }
    } finally {
      // Whatever happened, the next connect asks the server who is signed in.
      reconnect('signedOut');
    }
  }, [readyApi, reconnect]);
  const ended = useCallback(() => toSignIn('ended'), [toSignIn]);

  if (flow.stage === 'sign-in') return <SignInPage notice={flow.notice} onSubmit={signIn} />;
  if (ready) {
    return (
      <ApiProvider value={ready.api}>
        <SessionProvider initial={ready.me} onEnded={ended} signOut={signOut}>
          <PasswordGate>{children(ready.info)}</PasswordGate>
        </SessionProvider>
      </ApiProvider>
    );
  }
  if (connection.kind === 'failed' && connection.attempt === flow.attempt) {
    return (
      <Center mih="100vh" p="md">
        <Alert color="red" title={t('app.title')} maw={520}>
          <Stack>
            <Text size="sm">{t('app.loadFailed', { message: connection.message })}</Text>
            <Button size="xs" variant="light" onClick={() => reconnect(flow.notice)}>
              {t('app.retry')}
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  return (
    <Center mih="100vh">
      <Stack align="center">
        <Loader />
        <Text c="dimmed">{t('app.connecting')}</Text>
      </Stack>
    </Center>
  );
}

/** The console, or only the change-password screen while the user must choose a password. */
function PasswordGate({ children }: { children: ReactNode }) {
  const { user } = useSession();
  return user.mustChangePassword ? <ChangePasswordScreen /> : children;
}
