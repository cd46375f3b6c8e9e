import type { TFunction } from 'i18next';
import type { DeviceDetail } from '../../../src-shared/domain/device.schemas';

/**
 * How much paper a tray holds, as an admin counts it: "168 of 550 sheets" when the device gives
 * sheets and capacity; "Paper in, holds 550 sheets" for a tray that only says "some" (RFC 3805's
 * -3); a percentage (≈ when coarse) without a capacity; "—" when unknown.
 */
export function trayLevelText(t: TFunction, tray: DeviceDetail['trays'][number]): string {
  const { level, max, percent, quality } = tray;
  if (max !== null && max > 0) {
    if (level !== null && level >= 0 && quality === 'exact') return level === 0 ? t('detail.trayEmpty', { max }) : t('detail.trayLevel', { level, max });
    if (quality === 'coarse' && percent === null) return t('detail.trayPaperIn', { max });
  }
  if (percent !== null) return `${quality === 'coarse' ? '≈ ' : ''}${Math.round(percent)} %`;
  return quality === 'coarse' ? t('quality.paperPresent') : '—';
}
