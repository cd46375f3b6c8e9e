import { Badge, Box, Burger, Button, Group, Title, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../api/api-context';
import { useCan } from '../api/session-context';
import { DiscoveryProgressBadge } from '../features/discovery/discovery-progress-badge';
import { useSearchHistoryStore } from '../features/discovery/search-history.store';
import { ColorSchemeToggle } from '../features/settings/color-scheme-toggle';
import { LanguageSwitch } from '../features/settings/language-switch';
import { Icon } from '../ui/icons';
import { PollProgressBadge } from './poll-progress-badge';
import { useRoomyHeader } from './progress-figures';
import { SectionNav } from './section-nav';
import type { SystemInfo } from './system-info';
import { UserMenu } from './user-menu';

/** Product name, demo and connection badges, the sections, the search and poll round in progress, search history, language, colour scheme and the user menu. */
export function AppHeader({ info, groupsOpened, onToggleGroups }: { info: SystemInfo; groupsOpened: boolean; onToggleGroups: () => void }) {
  const { t } = useTranslation();
  const rendererApi = useRendererApi();
  const searchHistory = useCan('deviceSearch', 'view');
  const [reconnecting, setReconnecting] = useState(false);
  const roomy = useRoomyHeader();
  useEffect(() => rendererApi.onConnection((status) => setReconnecting(status === 'reconnecting' || status === 'connecting')), [rendererApi]);
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
      {/* The left part takes the room the right part leaves; the sections fold into a menu where they do not fit it. */}
      <Group gap="sm" wrap="nowrap" style={{ flex: '1 1 0', minWidth: 0 }}>
        <Burger opened={groupsOpened} onClick={onToggleGroups} hiddenFrom="sm" size="sm" aria-label={t('app.toggleGroups')} />
        <Box style={{ display: 'inline-flex', flexShrink: 0 }}>
          <Icon name="printer" size={26} />
        </Box>
        <Title order={3} fw={700} style={{ whiteSpace: 'nowrap', flexShrink: 0 }} title={`${t('app.title')} ${info.version}`}>
          {t('app.title')}
        </Title>
        {/* Below 1600 px the version gives its room to the sections and the user menu (the product name's tooltip keeps it). */}
        {roomy && (
          <Badge variant="outline" color="gray" size="sm" style={{ flexShrink: 0 }}>
            {info.version}
          </Badge>
        )}
        {info.demo && (
          <Badge variant="light" color="violet" size="sm" style={{ flexShrink: 0 }}>
            {t('app.demo')}
          </Badge>
        )}
        {reconnecting && (
          <Badge variant="filled" color="orange" size="sm" role="status" style={{ flexShrink: 0 }}>
            {t('app.reconnecting')}
          </Badge>
        )}
        <SectionNav />
      </Group>
      <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
        {searchHistory && <DiscoveryProgressBadge />}
        <PollProgressBadge />
        {searchHistory && (
          // Words on wide screens; below 1408 px (a search and a poll round in progress beside the user menu) the icon with a tooltip.
          <Tooltip label={t('discovery.history')} hiddenFrom="xl" withinPortal>
            <Button size="xs" variant="subtle" color="gray" px={8} aria-label={t('discovery.history')} leftSection={<Icon name="history" size={16} />} onClick={() => useSearchHistoryStore.getState().open()} styles={{ section: { marginInlineEnd: 0 } }}>
              <Box component="span" visibleFrom="xl" ml={6}>
                {t('discovery.history')}
              </Box>
            </Button>
          </Tooltip>
        )}
        <LanguageSwitch />
        <ColorSchemeToggle />
        <UserMenu />
      </Group>
    </Group>
  );
}
