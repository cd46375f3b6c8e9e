import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { TargetPicker } from '../../../ui/target-picker';
import { useBooks } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import { useAddressbookView } from '../addressbook-view.store';
import { PlanTable, planSummary } from './plan-table';
import { useDeliveryPlan, type Targets } from './use-delivery-plan';

/** The book's entries against the limits of the devices of a group or a pick of devices (books.plan), without delivering. */
export function LimitsDialog({ bookId, onClose }: { bookId: number; onClose(): void }) {
  const { tp, t } = useAddressbookT();
  const books = useBooks();
  const book = books.data?.find((b) => b.id === bookId);
  const [targets, setTargets] = useState<Targets>({ deviceIds: [], groupIds: [] });
  const plan = useDeliveryPlan(bookId, targets);
  const hasTargets = targets.deviceIds.length > 0 || targets.groupIds.length > 0;
  return (
    <Modal opened onClose={onClose} size="min(1000px, 96vw)" title={tp('limits.title', { name: book?.name ?? '' })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md" data-testid="limits-dialog">
        <Text size="sm" c="dimmed">
          {tp('limits.intro', { count: book?.entries ?? 0, oneTouch: book?.oneTouch ?? 0 })}
        </Text>
        <TargetPicker deviceIds={targets.deviceIds} groupIds={targets.groupIds} onChange={(change) => setTargets((current) => ({ ...current, ...change }))} layout="row" />
        {plan.error && (
          <Alert color="red" py={6}>
            {plan.error}
          </Alert>
        )}
        {!hasTargets ? (
          <Text size="sm" c="dimmed">
            {tp('plan.pickTargets')}
          </Text>
        ) : plan.plan === null ? (
          <Text size="sm" c="dimmed">
            {tp('loading')}
          </Text>
        ) : (
          <Stack gap={6}>
            <Text size="sm" data-testid="plan-summary">
              {planSummary(tp, plan.plan)}
            </Text>
            {plan.plan.length > 0 && <PlanTable plan={plan.plan} onHandoff={(deviceId) => useAddressbookView.getState().openDialog({ kind: 'handoff', bookId, deviceId })} />}
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
