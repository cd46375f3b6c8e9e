/** The support matrix selects its rows with the console's one selection model (`ui/row-selection.ts`). */
export { allShownState, clickRow, keepRows, NO_SELECTION, toggleAllShown, type RowSelection } from '../../ui/row-selection';
