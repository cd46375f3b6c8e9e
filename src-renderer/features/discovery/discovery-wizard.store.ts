import { create } from 'zustand';
import { initialDiscoveryForm, withDemoSearch, type DiscoveryForm } from './discovery-form';

/** The wizard's UI state: open or not, its step, and the draft (kept while closed). */
interface DiscoveryWizardStore {
  opened: boolean;
  step: 0 | 1;
  form: DiscoveryForm;
  open(): void;
  close(): void;
  setStep(step: 0 | 1): void;
  /** Applies a change to the draft. */
  edit(change: (form: DiscoveryForm) => Partial<DiscoveryForm>): void;
  reset(): void;
  /** With a demo fleet: an untouched draft starts with the fleet's addresses and port. */
  offerDemo(search: { spec: string; port: number }): void;
}

export const useDiscoveryWizardStore = create<DiscoveryWizardStore>()((set) => ({
  opened: false,
  step: 0,
  form: initialDiscoveryForm(),
  open: () => set({ opened: true }),
  close: () => set({ opened: false }),
  setStep: (step) => set({ step }),
  edit: (change) => set((s) => ({ form: { ...s.form, ...change(s.form) } })),
  reset: () => set({ form: initialDiscoveryForm(), step: 0 }),
  offerDemo: (search) => set((s) => (s.form.addresses === '' ? { form: withDemoSearch(s.form, search) } : {})),
}));
