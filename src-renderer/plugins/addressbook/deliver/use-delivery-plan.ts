import { useEffect, useState } from 'react';
import type { DeliveryPlan } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { errorMessage } from '../../../ui/notice.store';
import { useAddressbookApi } from '../addressbook-api';

export interface Targets {
  deviceIds: number[];
  groupIds: number[];
}

/** What to wait after a change of targets before asking for the plan (typing in the picker). */
const PLAN_DELAY_MS = 250;

/** books.plan for the book and targets, asked again when they change (null while none are picked). */
export function useDeliveryPlan(bookId: number, targets: Targets, version = 0): { plan: DeliveryPlan[] | null; error: string | null; loading: boolean } {
  const api = useAddressbookApi();
  const [state, setState] = useState<{ plan: DeliveryPlan[] | null; error: string | null; loading: boolean }>({ plan: null, error: null, loading: false });
  const key = `${targets.deviceIds.join(',')}|${targets.groupIds.join(',')}`;
  useEffect(() => {
    const [devices = '', groups = ''] = key.split('|');
    const deviceIds = devices === '' ? [] : devices.split(',').map(Number);
    const groupIds = groups === '' ? [] : groups.split(',').map(Number);
    if (deviceIds.length === 0 && groupIds.length === 0) {
      setState({ plan: null, error: null, loading: false });
      return;
    }
    let alive = true;
    setState((current) => ({ ...current, loading: true }));
    const timer = window.setTimeout(() => {
      api.books.plan({ bookId, targets: { deviceIds, groupIds } }).then(
        ({ devices: plan }) => alive && setState({ plan, error: null, loading: false }),
        (caught: unknown) => alive && setState({ plan: null, error: errorMessage(caught), loading: false }),
      );
    }, PLAN_DELAY_MS);
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
  }, [api, bookId, key, version]);
  return state;
}
