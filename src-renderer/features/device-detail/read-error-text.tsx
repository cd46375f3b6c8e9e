import { Stack, Text } from '@mantine/core';
import { DeviceText } from '../../ui/device-text-view';

/**
 * A failed read in the UI language ("前回の取得に失敗しました: タイムアウト") with, smaller and
 * secondary, the text the SNMP layer or the device gave (English, kept for whoever debugs it).
 */
export function ReadErrorText({ text, detail, testId }: { text: string; detail: string; testId?: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="red">
        {text}
      </Text>
      {detail !== '' && !text.includes(detail) && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="read-error-detail">
          <DeviceText text={detail} />
        </Text>
      )}
    </Stack>
  );
}
