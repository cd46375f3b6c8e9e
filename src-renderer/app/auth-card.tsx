import { Center, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ColorSchemeToggle } from '../features/settings/color-scheme-toggle';
import { LanguageSwitch } from '../features/settings/language-switch';
import { Icon } from '../ui/icons';

/** The frame of the screens before the console: the product name, a card, and the language and colour switches. */
export function AuthCard({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md" component="main">
      <Stack gap="md" w={420} maw="100%">
        <Group gap="xs" justify="center">
          <Icon name="printer" size={30} />
          <Title order={2} fw={700}>
            {t('app.title')}
          </Title>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md" data-testid={testId}>
          <Stack gap="md">
            <Title order={3}>{title}</Title>
            {children}
          </Stack>
        </Paper>
        <Group justify="center" gap="sm">
          <LanguageSwitch />
          <ColorSchemeToggle />
        </Group>
      </Stack>
    </Center>
  );
}
