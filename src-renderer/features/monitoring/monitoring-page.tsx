import { useTranslation } from 'react-i18next';
import { TabbedPage } from '../../ui/tabbed-page';
import { AlertLog } from './alert-log';
import { ConditionsPanel } from './conditions-panel';

/** The Monitoring section: conditions (what to watch, when, whom to tell) and the alert log. */
export function MonitoringPage() {
  const { t } = useTranslation();
  return (
    <TabbedPage
      testId="monitoring-page"
      title={t('monitoring.title')}
      tabs={[
        { id: 'conditions', label: t('monitoring.tabs.conditions'), panel: <ConditionsPanel /> },
        { id: 'alerts', label: t('monitoring.tabs.alerts'), panel: <AlertLog /> },
      ]}
    />
  );
}
