import { Anchor, Stack, Text, type MantineSize } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visibleText } from '../../src-shared/domain/visible-text';

/**
 * Text a device reported (a name, a location, an alert): isolated in <bdi>, so right-to-left
 * text or a stray bidi control cannot reorder what stands around it, and with its invisible
 * controls shown as "[U+202E]", so "\u202Egnp.exe\u202C" cannot pass for "exe.png". Every place
 * that shows device-provided text uses this (or visibleText for attributes and plain strings).
 */
export function DeviceText({ text }: { text: string | null | undefined }) {
  return <bdi>{visibleText(text ?? '')}</bdi>;
}

/** Beyond this many characters device text is clamped, with a toggle to show it all. */
const LONG_TEXT = 200;

/**
 * Long device text (an alert description, a status message made of one): wraps anywhere, so an
 * unbroken 1,000-character string cannot widen the pane; longer than a few lines it is clamped,
 * with "Show all" / "Show less" (the full text is also its title).
 */
export function LongDeviceText({ text, size = 'sm', lines = 3, testId }: { text: string; size?: MantineSize; lines?: number; testId?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const shown = visibleText(text);
  const long = shown.length > LONG_TEXT;
  return (
    <Stack gap={0} align="flex-start" style={{ minWidth: 0, maxWidth: '100%' }}>
      <Text size={size} lineClamp={long && !open ? lines : undefined} title={long ? shown : undefined} data-testid={testId} data-clamped={long && !open ? 'true' : undefined} style={{ overflowWrap: 'anywhere', minWidth: 0, maxWidth: '100%' }}>
        <bdi>{shown}</bdi>
      </Text>
      {long && (
        <Anchor component="button" type="button" size="xs" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? t('common.showLess') : t('common.showAll')}
        </Anchor>
      )}
    </Stack>
  );
}
