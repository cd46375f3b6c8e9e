import { create } from 'zustand';

/** Which group the list is narrowed to (null: all devices). */
interface GroupStore {
  activeGroupId: number | null;
  showGroup(id: number | null): void;
}

export const useGroupStore = create<GroupStore>()((set) => ({
  activeGroupId: null,
  showGroup: (id) => set({ activeGroupId: id }),
}));
