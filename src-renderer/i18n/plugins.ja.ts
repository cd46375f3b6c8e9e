import type { PluginsTranslations } from './plugins.en';

/** Japanese texts of the plug-ins' place in the console; the type keeps the keys those of plugins.en.ts. */
export const jaPlugins: PluginsTranslations = {
  execution: {
    startedNoView: '実行 {{id}} として開始しました。経過を見るにはタスクの「閲覧」権限が必要です。権限のあるユーザーはタスクセクションで結果を確認できます。',
    counts: '{{done}} / {{total}} · 成功 {{ok}} · 失敗 {{failed}}',
    waiting: '最初のデバイスを待っています…',
  },
  plugins: {
    loading: 'セクションを読み込んでいます…',
    sectionFailed: 'このセクションを読み込めませんでした',
    panel: {
      intro: 'プラグインはコンソールにセクション、権限、タスクの種類を追加します。無効にするとすべてのユーザーに直ちに反映されます。データは残ります。',
      empty: 'プラグインはインストールされていません。',
      columns: { name: 'プラグイン', version: 'バージョン', apiVersion: 'API', state: '状態', contributes: '追加するもの', enabled: '有効' },
      states: { enabled: '有効', disabled: '無効', failed: '読み込み失敗' },
      failedHint: '読み込めなかったため、このプラグインなしで動作しています。',
      functions: '権限',
      taskKinds: 'タスクの種類',
      services: 'サービス',
      nothing: 'なし',
      schema: 'データスキーマ {{version}}',
      switchLabel: '{{name}} を有効にする',
      failedSwitch: '読み込みに失敗したプラグインは有効にできません。',
      enabledNotice: '{{name}} を有効にしました。',
      disabledNotice: '{{name}} を無効にしました。データは残っています。',
      confirm: {
        title: '{{name}} を無効にしますか?',
        body: 'このプラグインのセクション、メニュー、呼び出しはすべてのユーザーに対して直ちに無効になります。データは残り、再び有効にすると元どおり使えます。',
        tasks_zero: '無効の間、このプラグインのスケジュール済みタスクは実行されません（現在保存されているものはありません）。',
        tasks_one: '無効の間、このプラグインのスケジュール済みタスクは実行されません（現在 {{count}} 件保存されています）。',
        tasks_other: '無効の間、このプラグインのスケジュール済みタスクは実行されません（現在 {{count}} 件保存されています）。',
        tasksUnknown: '無効の間、このプラグインのスケジュール済みタスクは実行されません。',
        button: '無効にする',
      },
    },
  },
};
