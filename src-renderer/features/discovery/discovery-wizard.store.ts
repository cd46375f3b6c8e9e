import { create } from 'zustand';
import { initialDiscoveryForm, withDemoSearch, type DiscoveryForm } from './discovery-form';

type DemoSearch = { spec: string; port: number };

/** The wizard's UI state: open or not, its step, and the draft (kept while closed). */
interface DiscoveryWizardStore {
  opened: boolean;
  step: 0 | 1;
  form: DiscoveryForm;
  /** The demo fleet's search, when the server runs one: part of every fresh form. */
  demo: DemoSearch | null;
  open(): void;
  close(): void;
  setStep(step: 0 | 1): void;
  /** Applies a change to the draft. */
  edit(change: (form: DiscoveryForm) => Partial<DiscoveryForm>): void;
  reset(): void;
  /** With a demo fleet: an untouched draft starts with the fleet's addresses and port. */
  offerDemo(search: DemoSearch): void;
}

function defaultsWith(demo: DemoSearch | null): DiscoveryForm {
  return demo ? withDemoSearch(initialDiscoveryForm(), demo) : initialDiscoveryForm();
}

export const useDiscoveryWizardStore = create<DiscoveryWizardStore>()((set) => ({
  opened: false,
  step: 0,
  form: initialDiscoveryForm(),
  demo: null,
  open: () => set({ opened: true }),
  close: () => set({ opened: false }),
  setStep: (step) => set({ step }),
  edit: (change) => set((s) => ({ form: { ...s.form, ...change(s.form) } })),
  reset: () => set((s) => ({ form: defaultsWith(s.demo), step: 0 })),
  offerDemo: (search) => set((s) => ({ demo: search, ...(s.form.addresses === '' ? { form: withDemoSearch(s.form, search) } : {}) })),
}));

/**
 * The form a new search starts from, wherever it is made (the search wizard after a reset, the
 * task wizard's search step): the contract's defaults, with the demo fleet's addresses and port
 * when the server runs one.
 */
export function searchDefaults(): DiscoveryForm {
  return defaultsWith(useDiscoveryWizardStore.getState().demo);
}
