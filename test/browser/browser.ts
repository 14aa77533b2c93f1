import axe from 'axe-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, Locator, Page, chromium } from 'playwright-core';

/** The system's Chromium: the suite never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = () => existsSync(CHROMIUM);

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Headless Chromium on a fresh profile, in Dutch and in Amsterdam time, as a user of the app would have it. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'zicht-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A page that fails its test on any script error in the app. */
export async function newPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core injected into the page (WCAG 2.1 A and AA rules): the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const violations = (await page.evaluate(async () => {
    const runner = (globalThis as unknown as { axe: typeof axe }).axe;
    const result = await runner.run((globalThis as unknown as { document: unknown }).document as never, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Presses Tab until `target` has the focus, as a keyboard user would, and checks on the way that
 * every element that takes the focus shows it (an outline or a ring).
 */
export async function tabTo(page: Page, target: string | Locator, maxPresses = 120): Promise<void> {
  const wanted = typeof target === 'string' ? page.locator(target) : target;
  await wanted.first().waitFor();
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: any } }).document.activeElement;
      if (!el || el.tagName === 'BODY') return { visible: true, what: 'body' };
      const style = (globalThis as unknown as { getComputedStyle: (e: unknown) => { outlineStyle: string; outlineWidth: string; boxShadow: string } }).getComputedStyle(el);
      // A date field's own parts (day, month, calendar button) take the focus inside the field and draw it themselves.
      const inner = el.tagName === 'INPUT' && ['date', 'datetime-local', 'time'].includes(el.type) && !el.matches(':focus-visible');
      const visible = inner || (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none';
      return { visible, what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${String(el.textContent ?? '').trim().slice(0, 40)}"` };
    });
    if (!focus.visible) throw new Error(`the focus on ${focus.what} is not visible`);
    if (await wanted.first().evaluate((el: any) => el === el.ownerDocument.activeElement)) return;
  }
  throw new Error(`${String(target)} cannot be reached with the Tab key (${maxPresses} presses)`);
}

/** Where screenshots of a failed step go (dist/ is not committed). */
const FAILURES = join(__dirname, '..', '..', 'dist', 'browser-failures');

/** Runs a step; on failure keeps a screenshot of the page and says where. */
export async function step<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    mkdirSync(FAILURES, { recursive: true });
    const file = join(FAILURES, `${name.replace(/[^\w-]+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    (error as Error).message += `\n(screenshot of the page: ${file})`;
    throw error;
  }
}

/** The app's documentation screenshots, written when ZICHT_DOC_SCREENSHOTS=1. */
export async function docScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.ZICHT_DOC_SCREENSHOTS !== '1') return;
  const dir = join(__dirname, '..', '..', 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
