import type { LayoutTranslations } from './layout.en';

/** Japanese texts of the shared layout pieces; the type keeps the keys those of layout.en.ts. */
export const jaLayout: LayoutTranslations = {
  layout: {
    selectAll: '表示中の {{count}} 件をすべて選択',
    selectRow: '{{name}} を選択',
    openDetails: '{{name}} の詳細を開く',
    moreActions: 'その他の操作',
    resizeGroups: 'グループ一覧の幅',
    resizeDetail: '詳細パネルの幅',
    copyAddress: 'アドレス {{address}} をコピー',
    copied: 'コピーしました',
  },
};
