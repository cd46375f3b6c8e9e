import { ASSOCIATIONS_FUNCTION, DRIVERS_PLUGIN_ID } from '../../../src-shared/plugins/drivers/drivers-ids';
import { lazyDeviceColumn, lazySection, type RendererPlugin } from '../renderer-plugin';

/**
 * The drivers plug-in in the renderer (issue 12): the section's button, the labels of its
 * functions and task kinds, the section — loaded when first shown — and the device list's
 * "Driverless ready" column.
 */
export const driversPlugin: RendererPlugin = {
  id: DRIVERS_PLUGIN_ID,
  viewFunction: ASSOCIATIONS_FUNCTION,
  labels: {
    en: {
      nav: 'Drivers',
      name: 'Printer drivers',
      description: 'Driver sets on FTP stores, associations with devices, print queues pushed to client PCs by an agent or installed by people from the pull page; driverless IPP Everywhere first.',
      functions: {
        stores: { label: 'Driver stores', hint: 'FTP servers that keep driver sets (they hold passwords)' },
        sets: { label: 'Driver sets', hint: 'Upload, verify and delete driver sets' },
        associations: { label: 'Driver associations', hint: 'Which set and queue each device gets; IPP Everywhere checks' },
        clients: { label: 'Client PCs', hint: 'Client PCs, their agents, enrolment and groups' },
        pullPage: { label: 'Printer install page', hint: 'The pull page where people install a printer themselves' },
      },
      taskKinds: { installQueue: 'Install print queue', removeQueue: 'Remove print queue', installAgent: 'Install agent over SSH' },
    },
    ja: {
      nav: 'ドライバー',
      name: 'プリンタードライバー',
      description: 'FTP ストアのドライバーセット、デバイスとの関連付け、エージェントによるクライアント PC への印刷キューのプッシュと、プルページからの利用者自身によるインストール。ドライバー不要の IPP Everywhere を優先します。',
      functions: {
        stores: { label: 'ドライバーストア', hint: 'ドライバーセットを置く FTP サーバー (パスワードを含む)' },
        sets: { label: 'ドライバーセット', hint: 'ドライバーセットのアップロード、検証、削除' },
        associations: { label: 'ドライバーの関連付け', hint: '各デバイスのセットとキュー、IPP Everywhere の確認' },
        clients: { label: 'クライアント PC', hint: 'クライアント PC、エージェント、登録、グループ' },
        pullPage: { label: 'プリンターのインストールページ', hint: '利用者が自分でプリンターをインストールするプルページ' },
      },
      taskKinds: { installQueue: '印刷キューのインストール', removeQueue: '印刷キューの削除', installAgent: 'SSH でエージェントをインストール' },
    },
  },
  section: lazySection(DRIVERS_PLUGIN_ID, () => import('./drivers-section')),
  deviceColumns: [
    {
      id: `${DRIVERS_PLUGIN_ID}.driverlessReady`,
      label: { en: 'Driverless ready', ja: 'ドライバー不要' },
      width: 130,
      viewFunction: ASSOCIATIONS_FUNCTION,
      ...lazyDeviceColumn(DRIVERS_PLUGIN_ID, () => import('./driverless-column')),
    },
  ],
};
