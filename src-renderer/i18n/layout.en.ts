/**
 * English texts of the console's shared layout pieces (issue 14): the selection column, the
 * toolbar's overflow menu, the resizable group list and detail panel, copying an address.
 */
export const enLayout = {
  layout: {
    selectAll: 'Select all {{count}} shown',
    selectRow: 'Select {{name}}',
    openDetails: 'Open the details of {{name}}',
    moreActions: 'More actions',
    resizeGroups: 'Width of the group list',
    resizeDetail: 'Width of the details panel',
    copyAddress: 'Copy address {{address}}',
    copied: 'Copied',
  },
};

export type LayoutTranslations = typeof enLayout;
