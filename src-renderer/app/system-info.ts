/** What the console shows about the server it talks to (system.info). */
export interface SystemInfo {
  version: string;
  demo: boolean;
  /** With a demo fleet: where a search finds its printers. */
  demoSearch: { spec: string; port: number } | null;
}
