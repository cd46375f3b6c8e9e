import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';

/*
 * A hand-written stand-in for the parts of `electron` the shell uses, for
 * `vi.mock('electron', () => import('./fake-electron'))`. Each fake records what it was given
 * so tests can inspect it; resetFakeElectron() clears everything between tests.
 */

type Listener = (...args: never[]) => unknown;

/** An Electron-style event whose default can be prevented. */
export interface FakeEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function fakeEvent<T extends object>(fields: T = {} as T): T & FakeEvent {
  let prevented = false;
  const event = { ...fields };
  // A real getter (Object.assign would freeze its value at copy time).
  Object.defineProperty(event, 'defaultPrevented', { get: () => prevented });
  Object.defineProperty(event, 'preventDefault', {
    value: () => {
      prevented = true;
    },
  });
  return event as T & FakeEvent;
}

export class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What Electron does when the page's window goes away: destroyed, then the 'destroyed' event. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  focused = false;
  destroyed = false;
  loadedFile: string | null = null;
  loadedUrl: string | null = null;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    const wasVisible = this.visible;
    this.visible = true;
    if (!wasVisible) this.emit('show');
  }
  isVisible(): boolean {
    return this.visible;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroy();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What the OS close button does: 'close' first, destroyed unless a listener prevented it. */
  userClose(): FakeEvent {
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
    return event;
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invocations: Array<{ channel: string; args: unknown[] }> = [];
  reply: (channel: string, ...args: unknown[]) => Promise<unknown> = () => Promise.resolve(undefined);
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return this.reply(channel, ...args);
  }
}

class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  }
}

export class FakeImage {
  constructor(readonly path: string) {}
  isEmpty(): boolean {
    return !existsSync(this.path);
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(public image: FakeImage) {
    super();
    FakeTray.instances.push(this);
  }
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export interface FakeMenuItem {
  label?: string;
  type?: string;
  click?: () => void;
}

export class FakeMenu {
  constructor(readonly template: FakeMenuItem[]) {}
  static buildFromTemplate(template: FakeMenuItem[]): FakeMenu {
    return new FakeMenu(template);
  }
  /** Clicks the item with this label; throws naming the labels there are when none matches. */
  click(label: string): void {
    const item = this.template.find((i) => i.label === label);
    if (!item?.click) throw new Error(`no menu item "${label}" in [${this.template.map((i) => i.label ?? i.type).join(', ')}]`);
    item.click();
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  shown = false;
  closed = false;
  constructor(readonly options: { title: string; body: string; icon?: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
}

class FakeSession {
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void) | null = null;
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((contents: unknown, permission: string) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']): void => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
}

class FakeApp extends EventEmitter {
  paths = new Map<string, string>();
  appPath = '/opt/printdeck';
  locale = 'en-US';
  lockGranted = true;
  sandboxEnabled = false;
  quitCalls = 0;
  exitCode: number | null = null;
  ready: Promise<void> = Promise.resolve();

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`fake app: no path "${name}"`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
  getLocale(): string {
    return this.locale;
  }
  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

export const app = new FakeApp();

export interface FakeCustomScheme {
  scheme: string;
  privileges?: Record<string, boolean | undefined>;
}
type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/**
 * The protocol module: what was registered as privileged (Electron takes that once, before
 * 'ready') and the handlers per scheme; `fetch` asks a handler as Chromium would.
 */
class FakeProtocol {
  readonly privileged: FakeCustomScheme[] = [];
  registrations = 0;
  readonly handlers = new Map<string, ProtocolHandler>();
  registerSchemesAsPrivileged(schemes: FakeCustomScheme[]): void {
    this.registrations += 1;
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme has been registered: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
  /** A request to `url` answered by its scheme's handler; throws when no handler serves the scheme. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = url.slice(0, url.indexOf(':'));
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`fake protocol: no handler for ${scheme}:`);
    return handler(new Request(url, init));
  }
}

export const protocol = new FakeProtocol();
export const BrowserWindow = FakeBrowserWindow;
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const contextBridge = new FakeContextBridge();
export const Tray = FakeTray;
export const Menu = FakeMenu;
export const Notification = FakeNotification;
export const nativeImage = { createFromPath: (path: string): FakeImage => new FakeImage(path) };
export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
};
export const session = { defaultSession: new FakeSession() };
export interface FakeMessageBoxOptions {
  type?: string;
  title?: string;
  message: string;
  detail?: string;
  buttons?: string[];
  defaultId?: number;
  cancelId?: number;
  noLink?: boolean;
}

export const dialog = {
  errors: [] as Array<{ title: string; content: string }>,
  messageBoxes: [] as Array<{ parent: FakeBrowserWindow | null; options: FakeMessageBoxOptions }>,
  /** The button index the next message boxes answer with. */
  messageBoxResponse: 0,
  showErrorBox(title: string, content: string): void {
    dialog.errors.push({ title, content });
  },
  showMessageBox(first: FakeBrowserWindow | FakeMessageBoxOptions, second?: FakeMessageBoxOptions): Promise<{ response: number; checkboxChecked: boolean }> {
    const parent = first instanceof FakeBrowserWindow ? first : null;
    const options = first instanceof FakeBrowserWindow ? second : first;
    if (!options) throw new Error('fake dialog: showMessageBox without options');
    dialog.messageBoxes.push({ parent, options });
    return Promise.resolve({ response: dialog.messageBoxResponse, checkboxChecked: false });
  },
};

export const clipboard = {
  text: '',
  writeText(text: string): void {
    clipboard.text = text;
  },
};

type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/**
 * safeStorage with a reversible stand-in for encryption: the text XORed with a byte and tagged
 * with the "OS user" whose key store made it, so a test can play another user or computer
 * (decryptString then throws, as DPAPI or the keyring would). `backend` is what Linux reports.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as StorageBackend,
  owner: 'os-user-1',
  encrypted: 0,
  isEncryptionAvailable(): boolean {
    return safeStorage.available;
  },
  getSelectedStorageBackend(): StorageBackend {
    return safeStorage.backend;
  },
  encryptString(plainText: string): Buffer {
    if (!safeStorage.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    safeStorage.encrypted += 1;
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a);
    return Buffer.concat([Buffer.from(`fake-safe:${safeStorage.owner}:`), body]);
  },
  decryptString(encrypted: Buffer): string {
    const tag = `fake-safe:${safeStorage.owner}:`;
    if (!safeStorage.available || encrypted.subarray(0, tag.length).toString() !== tag) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    return Buffer.from(encrypted.subarray(tag.length).map((byte) => byte ^ 0x5a)).toString('utf8');
  },
};

/** Forgets everything the fakes recorded (call in beforeEach). */
export function resetFakeElectron(): void {
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  ipcRenderer.reply = () => Promise.resolve(undefined);
  contextBridge.exposed.clear();
  shell.opened.length = 0;
  dialog.errors.length = 0;
  dialog.messageBoxes.length = 0;
  dialog.messageBoxResponse = 0;
  clipboard.text = '';
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.owner = 'os-user-1';
  safeStorage.encrypted = 0;
  session.defaultSession = new FakeSession();
  protocol.privileged.length = 0;
  protocol.registrations = 0;
  protocol.handlers.clear();
  app.removeAllListeners();
  app.paths = new Map([['userData', '/home/user/.config/Printdeck']]);
  app.appPath = '/opt/printdeck';
  app.locale = 'en-US';
  app.lockGranted = true;
  app.sandboxEnabled = false;
  app.quitCalls = 0;
  app.exitCode = null;
  app.ready = Promise.resolve();
}
