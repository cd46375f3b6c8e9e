import { create } from 'zustand';
import { serverText } from '../i18n/server-text';

/** A short message after an action (import done, refresh failed …), shown in the corner. */
export interface Notice {
  id: number;
  kind: 'success' | 'error';
  title: string;
  message: string;
}

interface NoticeStore {
  notices: Notice[];
  /** Shows a notice; successes go away by themselves, errors stay until closed. */
  notify(kind: Notice['kind'], title: string, message: string): void;
  dismiss(id: number): void;
}

const SUCCESS_VISIBLE_MS = 6000;
let nextId = 1;

export const useNoticeStore = create<NoticeStore>()((set, get) => ({
  notices: [],
  notify: (kind, title, message) => {
    const id = nextId++;
    // Keep the last few only: a burst of failures must not cover the screen.
    set((s) => ({ notices: [...s.notices, { id, kind, title, message }].slice(-4) }));
    if (kind === 'success') setTimeout(() => get().dismiss(id), SUCCESS_VISIBLE_MS);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

/** The message of anything thrown (AppError messages are written for people), in the UI language when the core sent it worded. */
export function errorMessage(error: unknown): string {
  return serverText(error);
}
