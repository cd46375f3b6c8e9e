import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { Component, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RendererPlugin } from '../plugins/renderer-plugin';

/**
 * A plug-in's section in the main area: its chunk is loaded the first time it is shown (a loader
 * meanwhile); a chunk that fails to load or a section that throws shows what happened and a
 * retry instead of taking the console down.
 */
export function PluginSectionHost({ plugin }: { plugin: RendererPlugin }) {
  const { t } = useTranslation();
  const Section = plugin.section;
  return (
    <SectionBoundary key={plugin.id} fallback={(error, retry) => <SectionFailed message={error.message} retry={retry} />}>
      <Suspense
        fallback={
          <Center style={{ flex: 1 }} aria-label={t('plugins.loading')}>
            <Loader size="sm" />
          </Center>
        }
      >
        <Section />
      </Suspense>
    </SectionBoundary>
  );
}

function SectionFailed({ message, retry }: { message: string; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack p="md" maw={720}>
      <Alert color="red" title={t('plugins.sectionFailed')} data-testid="plugin-section-failed">
        {message}
      </Alert>
      <div>
        <Button variant="default" onClick={retry}>
          {t('app.retry')}
        </Button>
      </div>
    </Stack>
  );
}

interface BoundaryProps {
  fallback(error: Error, retry: () => void): ReactNode;
  children: ReactNode;
}

class SectionBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    if (this.state.error) return this.props.fallback(this.state.error, () => this.setState({ error: null }));
    return this.props.children;
  }
}
