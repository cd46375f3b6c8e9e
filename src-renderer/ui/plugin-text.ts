import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dynamicText } from './dynamic-text';

export { dynamicText };

type Untyped = (key: string, options?: Record<string, unknown>) => string;

/**
 * Texts a plug-in brings (issue 11). The console's own keys are checked by the compiler against
 * i18n/en.ts; a plug-in's are not known to it, so they are looked up here: the few labels the
 * console shows for a plug-in (its section button, its rows of the permission matrix, its task
 * kinds) by key with a fallback, and a plug-in's own texts through a translator typed by the
 * plug-in's English resources.
 */

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** The dotted keys of a resource tree ("editor.search"); plural forms by their base key ("entries" for entries_one/_other). */
export type TextKey<R> = { [K in keyof R & string]: R[K] extends string ? WithoutPlural<K> : `${K}.${TextKey<R[K]>}` }[keyof R & string];

/** Interpolation values and `count` for plurals. */
export type TextOptions = Record<string, unknown>;

/** A plug-in's `t`: its keys only, in its own namespace. */
export type PluginT<R> = (key: TextKey<R>, options?: TextOptions) => string;

/** Same keys, every text a string: the shape a plug-in's other languages must have. */
export type SameTexts<T> = { [K in keyof T]: T[K] extends string ? string : SameTexts<T[K]> };

/**
 * The hook a plug-in's components use for their texts: `const tp = usePluginT()` with
 * `pluginTranslation<typeof en>('addressbook')`. Follows the UI language like useTranslation.
 */
export function pluginTranslation<R extends object>(namespace: string): () => { tp: PluginT<R>; t: TFunction; language: string } {
  return function usePluginT() {
    const { t, i18n } = useTranslation();
    const language = i18n.language;
    const tp = useMemo<PluginT<R>>(() => {
      const untyped = t as unknown as Untyped;
      return (key, options) => untyped(`${namespace}:${key}`, options);
      // The language is a dependency: t's identity alone does not always change with it.
    }, [t, language]);
    return { tp, t, language };
  };
}
