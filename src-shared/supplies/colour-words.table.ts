import type { ColorantName } from '../mib/colorant-names.codes';

/**
 * Words devices use for colours in supply descriptions, in the languages printers ship with.
 * Keys are whole lower-case words; CJK names have no word breaks and are matched as substrings.
 */
export const COLOUR_WORDS: ReadonlyMap<string, ColorantName> = new Map<string, ColorantName>([
  // black
  ['black', 'black'], ['blk', 'black'], ['bk', 'black'], ['schwarz', 'black'], ['noir', 'black'], ['nero', 'black'],
  ['negro', 'black'], ['zwart', 'black'], ['svart', 'black'], ['sort', 'black'], ['czarny', 'black'], ['preto', 'black'],
  ['musta', 'black'], ['fekete', 'black'], ['černá', 'black'], ['cerna', 'black'], ['черный', 'black'], ['чёрный', 'black'],
  ['siyah', 'black'], ['noire', 'black'], ['nera', 'black'], ['negra', 'black'], ['preta', 'black'], ['schwarzer', 'black'],
  ['schwarze', 'black'], ['schwarzes', 'black'],
  // cyan
  ['cyan', 'cyan'], ['cyaan', 'cyan'], ['cian', 'cyan'], ['ciano', 'cyan'], ['cyjan', 'cyan'], ['syaani', 'cyan'],
  ['циан', 'cyan'], ['голубой', 'cyan'],
  // magenta
  ['magenta', 'magenta'], ['purpurowy', 'magenta'], ['пурпурный', 'magenta'], ['маджента', 'magenta'],
  // yellow
  ['yellow', 'yellow'], ['gelb', 'yellow'], ['jaune', 'yellow'], ['giallo', 'yellow'], ['amarillo', 'yellow'],
  ['geel', 'yellow'], ['gul', 'yellow'], ['żółty', 'yellow'], ['zolty', 'yellow'], ['amarelo', 'yellow'],
  ['keltainen', 'yellow'], ['gelber', 'yellow'], ['gelbe', 'yellow'], ['gelbes', 'yellow'], ['amarilla', 'yellow'], ['gialla', 'yellow'], ['sárga', 'yellow'], ['žlutá', 'yellow'], ['желтый', 'yellow'], ['жёлтый', 'yellow'], ['sarı', 'yellow'],
  // others
  ['gray', 'gray'], ['grey', 'gray'], ['grau', 'gray'], ['gris', 'gray'], ['grigio', 'gray'], ['grijs', 'gray'], ['серый', 'gray'],
  ['red', 'red'], ['rot', 'red'], ['rouge', 'red'], ['rosso', 'red'], ['rojo', 'red'], ['rood', 'red'],
  ['green', 'green'], ['grün', 'green'], ['vert', 'green'], ['verde', 'green'], ['groen', 'green'],
  ['blue', 'blue'], ['blau', 'blue'], ['bleu', 'blue'], ['blu', 'blue'], ['azul', 'blue'], ['blauw', 'blue'],
  ['orange', 'orange'], ['naranja', 'orange'], ['arancione', 'orange'], ['oranje', 'orange'],
  ['violet', 'violet'], ['violett', 'violet'], ['viola', 'violet'], ['purple', 'violet'],
  ['white', 'white'], ['weiß', 'white'], ['weiss', 'white'], ['blanc', 'white'], ['bianco', 'white'], ['blanco', 'white'],
  ['clear', 'clear'],
  // one-word compounds
  ['lightcyan', 'light-cyan'], ['lightmagenta', 'light-magenta'], ['photoblack', 'photo-black'], ['matteblack', 'matte-black'],
]);

/** Words that turn the colour next to them into a lighter / photo / matte variant. */
export const COLOUR_MODIFIERS: ReadonlyMap<string, 'light' | 'photo' | 'matte'> = new Map([
  ['light', 'light'], ['lt', 'light'], ['hell', 'light'], ['clair', 'light'], ['chiaro', 'light'], ['claro', 'light'],
  ['licht', 'light'], ['jasny', 'light'], ['photo', 'photo'], ['foto', 'photo'], ['matte', 'matte'], ['matt', 'matte'],
]);

/** Modified colours that have a name of their own; other combinations keep the base colour. */
export const MODIFIED_COLOURS: ReadonlyMap<string, ColorantName> = new Map<string, ColorantName>([
  ['light cyan', 'light-cyan'],
  ['light magenta', 'light-magenta'],
  ['light black', 'light-black'],
  ['light gray', 'light-black'],
  ['photo black', 'photo-black'],
  ['matte black', 'matte-black'],
]);

/** CJK colour names (Japanese, Chinese), matched inside words. */
export const CJK_COLOUR_WORDS: ReadonlyArray<readonly [string, ColorantName]> = [
  ['ブラック', 'black'], ['黒', 'black'], ['黑', 'black'],
  ['シアン', 'cyan'], ['青', 'cyan'],
  ['マゼンタ', 'magenta'], ['品红', 'magenta'], ['洋红', 'magenta'],
  ['イエロー', 'yellow'], ['黄', 'yellow'],
];
