import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import { deviceWebUrl } from './device-web-url';

/** A link to the device's own web page, opened in a new tab (never with this page as its opener). */
export function DeviceWebLink({ address }: { address: string }) {
  const { t } = useTranslation();
  const url = deviceWebUrl(address);
  return (
    <Anchor href={url} target="_blank" rel="noopener noreferrer" size="sm" title={t('detail.webPageHint', { url })} data-testid="device-web-page">
      <Group gap={4} wrap="nowrap" component="span">
        <Icon name="right" size={14} />
        {t('detail.webPage')}
      </Group>
    </Anchor>
  );
}
