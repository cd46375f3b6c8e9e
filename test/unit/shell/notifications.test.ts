import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import { startErrorNotifier } from '../../../src-main/shell/notifications';
import { shellLabels } from '../../../src-main/shell/shell-labels';
import { anEventHub } from './shell-fixtures';
import { FakeNotification, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

type Status = AppEvents['device.status'];
const status = (id: number, state: Status['state'], previous: Status['previous'], message = 'Paper jam'): Status => ({ id, name: `printer-${id}`, state, previous, message });

function setUp(options: { burstLimit?: number } = {}) {
  const events = anEventHub();
  const opened: number[] = [];
  let windowShown = 0;
  const notifier = startErrorNotifier({
    events,
    labels: shellLabels('en'),
    openDevice: (id) => opened.push(id),
    showWindow: () => (windowShown += 1),
    ...options,
  });
  const shown = () => FakeNotification.instances.filter((n) => n.shown).map((n) => `${n.options.title} | ${n.options.body}`);
  return { events, opened, notifier, shown, windowShown: () => windowShown };
}

beforeEach(() => {
  resetFakeElectron();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('desktop notifications', () => {
  it('appear when a device goes into error, once, and not for warnings or other changes', () => {
    const { events, shown } = setUp();
    events.emit('device.status', status(1, 'error', 'ok'));
    events.emit('device.status', status(1, 'error', 'error'));
    events.emit('device.status', status(2, 'warning', 'ok', 'Toner low: Cyan'));
    events.emit('device.status', status(3, 'offline', 'error', 'No answer'));
    events.emit('device.status', status(4, 'error', null, 'Door open'));
    events.emit('devices.changed', { ids: [1], removed: [] });
    expect(shown()).toEqual(['printer-1: error | Paper jam', 'printer-4: error | Door open']);
  });

  it('open the device in the window when clicked', () => {
    const { events, opened } = setUp();
    events.emit('device.status', status(7, 'error', 'warning'));
    FakeNotification.instances[0]?.emit('click');
    expect(opened).toEqual([7]);
  });

  it('fold a burst of new errors into one summary after the first few', () => {
    const { events, shown, windowShown } = setUp({ burstLimit: 2 });
    for (let id = 1; id <= 5; id++) events.emit('device.status', status(id, 'error', 'ok'));
    expect(shown()).toEqual(['printer-1: error | Paper jam', 'printer-2: error | Paper jam']);
    vi.advanceTimersByTime(10_000);
    expect(shown().at(-1)).toBe('3 more devices went into error | ');
    FakeNotification.instances.at(-1)?.emit('click');
    expect(windowShown()).toBe(1);

    events.emit('device.status', status(6, 'error', 'ok'));
    expect(shown().at(-1)).toBe('printer-6: error | Paper jam');
  });

  it('stay silent where the OS has none, and after dispose', () => {
    FakeNotification.supported = false;
    const { events, notifier } = setUp();
    events.emit('device.status', status(1, 'error', 'ok'));
    FakeNotification.supported = true;
    notifier.dispose();
    events.emit('device.status', status(2, 'error', 'ok'));
    expect(FakeNotification.instances).toEqual([]);
  });
});
