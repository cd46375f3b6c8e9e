import { Notification, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';
import { useNoticeStore } from './notice.store';

/** The notices of useNoticeStore, bottom right, announced to screen readers. */
export function NoticeStack() {
  const { t } = useTranslation();
  const notices = useNoticeStore((s) => s.notices);
  const dismiss = useNoticeStore((s) => s.dismiss);
  return (
    <Stack gap="xs" pos="fixed" bottom={16} right={16} w={380} style={{ zIndex: 400 }} aria-live="polite">
      {notices.map((notice) => (
        <Notification
          key={notice.id}
          data-testid="notice"
          role={notice.kind === 'error' ? 'alert' : 'status'}
          color={notice.kind === 'error' ? 'red' : 'teal'}
          icon={<Icon name={notice.kind === 'error' ? 'error' : 'check'} size={18} />}
          title={notice.title}
          onClose={() => dismiss(notice.id)}
          closeButtonProps={{ 'aria-label': t('common.close') }}
          withBorder
        >
          <span style={{ whiteSpace: 'pre-wrap' }}>{notice.message}</span>
        </Notification>
      ))}
    </Stack>
  );
}
