import { ADDRESSBOOK_PLUGIN_ID, ADDRESSBOOK_TASK_KINDS, BOOKS_FUNCTION } from '../../../src-shared/plugins/addressbook/addressbook.contract';
import { lazySection, lazyTaskEditor, type RendererPlugin } from '../renderer-plugin';

/**
 * The address book plug-in in the renderer (issue 11): the section's button, the labels of its two
 * functions and three task kinds, the section itself — loaded when first shown — and the editor
 * Tasks opens for its saved deliveries and synchronisations (a fetch is not saved as a task).
 */
export const addressbookPlugin: RendererPlugin = {
  id: ADDRESSBOOK_PLUGIN_ID,
  viewFunction: BOOKS_FUNCTION,
  labels: {
    en: {
      nav: 'Address books',
      name: 'Address books',
      description: 'Address books of scan and fax destinations: import from files and LDAP directories, edit, export, fetch from devices and deliver to them.',
      functions: {
        books: { label: 'Address books', hint: 'Books and entries, import, export, fetch from and deliver to devices' },
        directories: { label: 'Directory connections', hint: 'LDAP connections books are imported from (they hold bind passwords)' },
      },
      taskKinds: { deliver: 'Address book delivery', fetch: 'Address book fetch', sync: 'Directory to devices' },
    },
    ja: {
      nav: 'アドレス帳',
      name: 'アドレス帳',
      description: 'スキャンとファクスの宛先のアドレス帳: ファイルや LDAP ディレクトリからのインポート、編集、エクスポート、デバイスからの取得とデバイスへの配信。',
      functions: {
        books: { label: 'アドレス帳', hint: 'アドレス帳と宛先、インポート、エクスポート、デバイスからの取得とデバイスへの配信' },
        directories: { label: 'ディレクトリ接続', hint: 'アドレス帳の取り込み元の LDAP 接続（バインドパスワードを含む）' },
      },
      taskKinds: { deliver: 'アドレス帳の配信', fetch: 'アドレス帳の取得', sync: 'ディレクトリからデバイスへ' },
    },
  },
  section: lazySection(ADDRESSBOOK_PLUGIN_ID, () => import('./addressbook-section')),
  taskEditor: {
    kinds: [ADDRESSBOOK_TASK_KINDS.deliver, ADDRESSBOOK_TASK_KINDS.sync],
    editor: lazyTaskEditor(ADDRESSBOOK_PLUGIN_ID, () => import('./addressbook-task-editor')),
  },
};
