import { useEffect } from 'react';
import { isCoreSection, useSectionStore } from '../../app/section.store';
import { useDeviceListStore } from '../devices/device-list.store';
import { consoleHash, parseConsoleHash } from './console-location';

/**
 * Keeps the address bar and the console in step: opening "#/devices/42" (at start, or by
 * changing the fragment) shows the devices with 42's detail open; opening a detail or a section
 * puts its fragment in the address bar (replacing the entry: Back leaves the console as before).
 */
export function useConsoleLocation(): void {
  useEffect(() => {
    const apply = (): void => {
      const place = parseConsoleHash(window.location.hash);
      if (!place) return;
      useSectionStore.getState().show(place.section);
      if (place.deviceId !== null) useDeviceListStore.getState().open(place.deviceId);
    };
    apply();
    const write = (): void => {
      const section = useSectionStore.getState().section;
      if (!isCoreSection(section)) return;
      const hash = consoleHash({ section, deviceId: section === 'devices' ? useDeviceListStore.getState().openId : null });
      if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
    };
    write();
    window.addEventListener('hashchange', apply);
    const stopSection = useSectionStore.subscribe(write);
    const stopDevices = useDeviceListStore.subscribe((state, previous) => {
      if (state.openId !== previous.openId) write();
    });
    return () => {
      window.removeEventListener('hashchange', apply);
      stopSection();
      stopDevices();
    };
  }, []);
}
