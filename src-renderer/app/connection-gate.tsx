import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberAccessToken, resolveAccessToken, searchWithoutToken } from '../api/access-token';
import { ApiProvider } from '../api/api-context';
import { createRendererApi, type RendererApi } from '../api/renderer-api';
import { TokenScreen } from './token-screen';

export interface SystemInfo {
  version: string;
  demo: boolean;
  /** With a demo fleet: where a search finds its printers. */
  demoSearch: { spec: string; port: number } | null;
}

type Phase =
  | { kind: 'connecting' }
  | { kind: 'ready'; api: RendererApi; info: SystemInfo }
  | { kind: 'refused' }
  | { kind: 'failed'; message: string };

function sessionStore(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

/** Reads the token once per page load and takes it out of the address bar. */
function initialToken(): string | null {
  const token = resolveAccessToken(window.location.search, sessionStore());
  if (new URLSearchParams(window.location.search).has('token')) {
    window.history.replaceState(null, '', `${window.location.pathname}${searchWithoutToken(window.location.search)}${window.location.hash}`);
  }
  return token;
}

/**
 * Connects, and proves the connection with system.info before showing the console. A server
 * that refuses the socket (no or wrong token) or drops it before answering gets the token
 * screen; any other failure is shown with a retry.
 */
export function ConnectionGate({ children }: { children: (info: SystemInfo) => ReactNode }) {
  const { t } = useTranslation();
  const [token, setToken] = useState(initialToken);
  const [attempt, setAttempt] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'connecting' });

  useEffect(() => {
    const rendererApi = createRendererApi({ token });
    let settled = false;
    setPhase({ kind: 'connecting' });
    const stop = rendererApi.onConnection((status) => {
      if (settled || status !== 'reconnecting') return;
      settled = true;
      rendererApi.close();
      setPhase({ kind: 'refused' });
    });
    rendererApi.api.system.info({}).then(
      (info) => {
        if (settled) return;
        settled = true;
        setPhase({ kind: 'ready', api: rendererApi, info });
      },
      (caught: unknown) => {
        if (settled) return;
        settled = true;
        const code = caught instanceof Error && 'code' in caught ? caught.code : null;
        if (code === 'unauthorized' || code === 'forbidden') setPhase({ kind: 'refused' });
        else setPhase({ kind: 'failed', message: caught instanceof Error ? caught.message : String(caught) });
      },
    );
    return () => {
      settled = true;
      stop();
      rendererApi.close();
    };
  }, [token, attempt]);

  switch (phase.kind) {
    case 'connecting':
      return (
        <Center mih="100vh">
          <Stack align="center">
            <Loader />
            <Text c="dimmed">{t('app.connecting')}</Text>
          </Stack>
        </Center>
      );
    case 'refused':
      return (
        <TokenScreen
          onSubmit={(next) => {
            rememberAccessToken(next, sessionStore());
            setToken(next);
            setAttempt((n) => n + 1);
          }}
        />
      );
    case 'failed':
      return (
        <Center mih="100vh" p="md">
          <Alert color="red" title={t('app.title')} maw={520}>
            <Stack>
              <Text size="sm">{t('app.loadFailed', { message: phase.message })}</Text>
              <Button size="xs" variant="light" onClick={() => setAttempt((n) => n + 1)}>
                {t('token.submit')}
              </Button>
            </Stack>
          </Alert>
        </Center>
      );
    case 'ready':
      return <ApiProvider value={phase.api}>{children(phase.info)}</ApiProvider>;
  }
}
