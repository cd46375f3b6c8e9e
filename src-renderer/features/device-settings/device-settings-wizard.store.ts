import { create } from 'zustand';
import type { Task } from '../../../src-shared/contract/tasks.contract';
import type { SettingId, SettingValue } from '../../../src-shared/settings/settings-catalogue';
import { deliveryFormOf, initialDeliveryForm, type DeliveryForm, type DeliveryStep } from './delivery-form';
import { PER_DEVICE_ITEMS, itemsDraftOf } from './settings-draft';

/** The device settings wizard's UI state: open or not, its step and the draft (UI state only). */
interface DeviceSettingsWizardStore {
  opened: boolean;
  step: DeliveryStep;
  form: DeliveryForm;
  /** A new delivery to these targets (the list's selection, or a group). */
  openFor(targets: { deviceIds?: readonly number[]; groupIds?: readonly number[] }): void;
  /** A new delivery of values acquired from a device (copy settings from one device to many): the items step first. */
  openWithValues(values: Partial<Record<SettingId, SettingValue>>, targets: { deviceIds?: readonly number[] }): void;
  /** Edits a saved delivery task. */
  openEdit(task: Task): void;
  close(): void;
  setStep(step: DeliveryStep): void;
  edit(change: (form: DeliveryForm) => Partial<DeliveryForm>): void;
}

export const useDeviceSettingsWizardStore = create<DeviceSettingsWizardStore>()((set) => ({
  opened: false,
  step: 0,
  form: initialDeliveryForm(),
  openFor: (targets) => set({ opened: true, step: 0, form: initialDeliveryForm(targets) }),
  openWithValues: (values, targets) =>
    set({ opened: true, step: 1, form: { ...initialDeliveryForm(targets), items: itemsDraftOf(values, { tick: (id) => !PER_DEVICE_ITEMS.has(id) }) } }),
  openEdit: (task) => set({ opened: true, step: 1, form: deliveryFormOf(task) }),
  close: () => set({ opened: false }),
  setStep: (step) => set({ step }),
  edit: (change) => set((s) => ({ form: { ...s.form, ...change(s.form) } })),
}));
