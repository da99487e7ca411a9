import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian installs chromium; `.ci/run` installs it when missing. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Debian chromium with a fresh user-data dir, no network services. Throws a clear
 * error when chromium is missing: the browser test fails, it never skips.
 */
export async function launchChromium(executablePath = CHROMIUM): Promise<BrowserContext> {
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: install it with 'apt-get install -y chromium' (.ci/run does this in CI); the browser test needs it`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'hostplan-chromium-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1100, height: 900 },
  });
}
