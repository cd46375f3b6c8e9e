import { deliverParamsSchema, fetchParamsSchema, syncParamsSchema, ADDRESSBOOK_TASK_KINDS } from '../../../src-shared/plugins/addressbook/addressbook.contract';
import { change } from '../../../src-shared/auth/access';
import type { TaskExecutor } from '../../plugin-api/plugin-host';
import { AdapterError } from './adapters/address-book-adapter';
import { problemsError, readSource } from './book-import';
import { deliverToDevices, endpointOf, failureText, reachOf, type DeliveryDeps } from './device-delivery';
import { planImport } from './import-plan';
import type { BooksRepository } from './store/books.repository';
import type { DirectoriesRepository } from './store/directories.repository';

export interface ExecutorDeps extends DeliveryDeps {
  books: BooksRepository;
  directories: DirectoriesRepository;
  functionId: string;
}

function bookOrFail(deps: ExecutorDeps, bookId: number): { name: string } {
  const book = deps.books.get(bookId);
  if (!book) throw new Error(`address book ${bookId} no longer exists (deleted?)`);
  return book;
}

/** Deliver address book: the book (as it is when the run starts) to the task's devices, append or replace. */
export function deliverExecutor(deps: ExecutorDeps): TaskExecutor<typeof deliverParamsSchema> {
  return {
    type: ADDRESSBOOK_TASK_KINDS.deliver,
    access: change(deps.functionId),
    paramsSchema: deliverParamsSchema,
    usesTargets: true,
    run: async (ctx) => {
      const book = bookOrFail(deps, ctx.params.bookId);
      const entries = deps.books.entries(ctx.params.bookId, { withPasswords: true });
      ctx.log(`book "${book.name}": ${entries.length} entries, ${ctx.params.mode}`);
      await deliverToDevices(deps, ctx, { name: book.name, entries }, ctx.params.mode);
    },
  };
}

/** Fetch address book: one device's book into a book (its entries replaced). */
export function fetchExecutor(deps: ExecutorDeps): TaskExecutor<typeof fetchParamsSchema> {
  return {
    type: ADDRESSBOOK_TASK_KINDS.fetch,
    access: change(deps.functionId),
    paramsSchema: fetchParamsSchema,
    usesTargets: false,
    run: async (ctx) => {
      const book = bookOrFail(deps, ctx.params.bookId);
      const [device] = deps.host.devices([ctx.params.deviceId]).devices;
      if (!device) throw new Error(`device ${ctx.params.deviceId} no longer exists (removed?)`);
      ctx.progress(0, 1);
      const reach = reachOf(device, deps.adapters);
      if ('why' in reach) {
        ctx.reportDevice(device.id, { ok: false, message: reach.why });
        return;
      }
      try {
        const entries = await reach.adapter.fetch(endpointOf(device, deps.access()), reach.login, ctx.signal);
        deps.books.transaction(() => deps.books.apply(ctx.params.bookId, planImport(deps.books.entries(ctx.params.bookId), entries, 'replace', 'number')));
        deps.books.update(ctx.params.bookId, { source: { kind: 'device', label: device.label } }, ctx.requestedBy, deps.host.now());
        deps.host.emitData('books', deps.functionId, [ctx.params.bookId]);
        ctx.reportDevice(device.id, { ok: true, message: `fetched ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} into "${book.name}"` });
      } catch (error) {
        ctx.reportDevice(device.id, { ok: false, message: error instanceof AdapterError ? failureText(error) : `failed: ${error instanceof Error ? error.message : String(error)}` });
      }
      ctx.progress(1, 1);
    },
  };
}

/** Directory → devices: re-import a saved directory into a book, then deliver it to the task's devices. A directory read with problems changes nothing and delivers nothing. */
export function syncExecutor(deps: ExecutorDeps): TaskExecutor<typeof syncParamsSchema> {
  return {
    type: ADDRESSBOOK_TASK_KINDS.sync,
    access: change(deps.functionId),
    paramsSchema: syncParamsSchema,
    usesTargets: true,
    run: async (ctx) => {
      const book = bookOrFail(deps, ctx.params.bookId);
      const read = await readSource({ kind: 'directory', connectionId: ctx.params.connectionId }, deps.directories, ctx.signal);
      if (read.book.problems.length > 0) throw new Error(problemsError(read).message);
      const plan = deps.books.transaction(() => {
        const planned = planImport(deps.books.entries(ctx.params.bookId, { withPasswords: true }), read.book.entries, ctx.params.mode, ctx.params.matchBy);
        deps.books.apply(ctx.params.bookId, planned);
        return planned;
      });
      deps.books.update(ctx.params.bookId, { source: { kind: 'directory', label: read.label } }, ctx.requestedBy, deps.host.now());
      deps.host.emitData('books', deps.functionId, [ctx.params.bookId]);
      ctx.log(`"${read.label}" → "${book.name}": ${read.book.entries.length} read; ${plan.add.length} added, ${plan.update.length} updated, ${plan.remove.length} removed, ${plan.unchanged} unchanged`);
      const entries = deps.books.entries(ctx.params.bookId, { withPasswords: true });
      await deliverToDevices(deps, ctx, { name: book.name, entries }, ctx.params.delivery);
    },
  };
}
