import { CORE_FUNCTIONS, VIEW_ONLY_FUNCTIONS, type FunctionId } from '../../../src-shared/auth/access';
import type { FunctionInfo } from '../../../src-shared/contract/accounts.contract';

/**
 * The rows of the permission matrix: the core's functions, then those plug-ins register at
 * start-up ("plugin-id.function"). Built-in roles' grants are computed over this list.
 */
export class FunctionRegistry {
  private readonly entries: FunctionInfo[] = CORE_FUNCTIONS.map((id) => ({ id, plugin: null, viewOnly: VIEW_ONLY_FUNCTIONS.has(id) }));
  private pluginEnabled: (plugin: string) => boolean = () => true;

  /** Which plug-ins are switched on now: a disabled plug-in's rows leave the matrix (its grants are kept). */
  setPluginFilter(enabled: (plugin: string) => boolean): void {
    this.pluginEnabled = enabled;
  }

  /** Adds a plug-in's function; throws when the id is taken or not namespaced by the plug-in. */
  register(plugin: string, id: FunctionId, options: { viewOnly?: boolean } = {}): this {
    if (!id.startsWith(`${plugin}.`)) throw new RangeError(`plug-in ${plugin}: function "${id}" must be named "${plugin}.…"`);
    if (this.has(id)) throw new RangeError(`function "${id}" is registered twice`);
    this.entries.push({ id, plugin, viewOnly: options.viewOnly ?? false });
    return this;
  }

  has(id: FunctionId): boolean {
    return this.entries.some((e) => e.id === id);
  }

  isViewOnly(id: FunctionId): boolean {
    return this.entries.find((e) => e.id === id)?.viewOnly ?? false;
  }

  ids(): FunctionId[] {
    return this.shown().map((e) => e.id);
  }

  list(): FunctionInfo[] {
    return this.shown().map((e) => ({ ...e }));
  }

  private shown(): FunctionInfo[] {
    return this.entries.filter((e) => e.plugin === null || this.pluginEnabled(e.plugin));
  }
}
