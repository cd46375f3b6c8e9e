import type { Browser, Page } from 'playwright-core';
import { buildRenderer, launchChromium, type BuiltRenderer } from '../helpers/browser-fixture';
import { openConsole, startConsole, type ConsoleOptions, type ConsolePage, type ConsoleRig } from './console-harness';

/** What most e2e files run against: a renderer built from source, a console, Chromium, one page. */
export interface ConsoleSession {
  renderer: BuiltRenderer;
  rig: ConsoleRig;
  browser: Browser;
  consolePage: ConsolePage;
  page: Page;
}

/**
 * Builds the renderer, starts a console with `options` and opens it in Chromium at `urlOf(rig)`
 * (a one-time sign-in link of the administrator by default). On failure it closes what it had started and rejects.
 */
export async function startConsoleSession(options: Omit<ConsoleOptions, 'rendererDir'>, urlOf: (rig: ConsoleRig) => string = (rig) => rig.signInUrl()): Promise<ConsoleSession> {
  const started: Partial<ConsoleSession> = {};
  try {
    started.renderer = await buildRenderer();
    started.rig = await startConsole({ ...options, rendererDir: started.renderer.dir });
    started.browser = await launchChromium();
    started.consolePage = await openConsole(started.browser, urlOf(started.rig));
    const { renderer, rig, browser, consolePage } = started;
    return { renderer, rig, browser, consolePage, page: consolePage.page };
  } catch (error) {
    await closeConsoleSession(started);
    throw error;
  }
}

/** Closes page, browser, console and renderer, in that order; tolerates a partly started session. */
export async function closeConsoleSession(session: Partial<ConsoleSession> | undefined): Promise<void> {
  await session?.consolePage?.context.close();
  await session?.browser?.close();
  await session?.rig?.close();
  await session?.renderer?.remove();
}
