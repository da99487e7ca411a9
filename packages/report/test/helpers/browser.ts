import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { extract } from 'tar-fs';

/** Debian's chromium: the fallback when the npm browser cannot be unpacked. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const require = createRequire(import.meta.url);
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** Flags for a headless browser on a machine with no network: no background services. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-zygote'];

/** A browser to launch: its executable and the environment it needs. */
export interface Browser {
  executablePath: string;
  env: Record<string, string>;
  source: string;
}

/**
 * The Chromium shipped inside the npm package `@sparticuz/chromium` (a dev dependency), unpacked
 * once into `node_modules/.cache/hostplan-chromium/<version>`. The package unpacks its NSS
 * libraries (`al2023.tar.br`: libnss3, libnspr4, ...) only where it detects AWS Lambda, so this
 * unpacks them itself and puts them on LD_LIBRARY_PATH for the browser process. Unpacking goes
 * to a temporary folder renamed into place, so parallel test workers never see half a browser.
 * Returns null when the package is not installed.
 */
export async function npmChromium(): Promise<Browser | null> {
  let entry: string;
  try {
    entry = require.resolve('@sparticuz/chromium'); // <package>/build/cjs/index.cjs (package.json is not exported)
  } catch {
    return null;
  }
  const root = dirname(dirname(dirname(entry)));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const bin = join(root, 'bin');
  const cache = join(REPO, 'node_modules', '.cache', 'hostplan-chromium', version);
  if (!existsSync(join(cache, 'chromium'))) {
    mkdirSync(dirname(cache), { recursive: true });
    const staging = mkdtempSync(`${cache}.tmp-`);
    try {
      await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(staging, 'chromium'), { mode: 0o755 }));
      for (const [archive, into] of [['al2023.tar.br', 'al2023'], ['fonts.tar.br', 'fonts'], ['swiftshader.tar.br', 'swiftshader']] as const) {
        await pipeline(createReadStream(join(bin, archive)), createBrotliDecompress(), extract(join(staging, into)));
      }
      try {
        renameSync(staging, cache);
      } catch (e) {
        // Another worker renamed its copy first: use that one.
        if (!existsSync(join(cache, 'chromium'))) throw e;
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const libraries = [join(cache, 'al2023', 'lib'), join(cache, 'swiftshader'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  // the package's fonts.conf lists AWS Lambda folders only (/var/task, /opt, /tmp): without a
  // configuration naming the unpacked fonts, pages render no text
  const fontsConf = join(cache, 'hostplan-fonts.conf');
  if (!existsSync(fontsConf)) {
    const staged = `${fontsConf}.${process.pid}`;
    writeFileSync(staged, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(cache, 'fonts')}</dir>\n  <cachedir>${join(cache, 'fonts-cache')}</cachedir>\n</fontconfig>\n`);
    renameSync(staged, fontsConf);
  }
  return {
    executablePath: join(cache, 'chromium'),
    env: { LD_LIBRARY_PATH: libraries, FONTCONFIG_FILE: fontsConf, HOME: process.env.HOME ?? tmpdir() },
    source: `@sparticuz/chromium ${version}`,
  };
}

/**
 * The browser the tests use: `HOSTPLAN_CHROMIUM` when set, else the npm package's Chromium, else
 * Debian's `/usr/bin/chromium`. Throws one clear line when none is there: the browser tests fail,
 * they never skip.
 */
export async function findBrowser(): Promise<Browser> {
  const named = process.env.HOSTPLAN_CHROMIUM;
  if (named) {
    if (!existsSync(named)) throw new Error(`HOSTPLAN_CHROMIUM=${named} does not exist`);
    return { executablePath: named, env: {}, source: 'HOSTPLAN_CHROMIUM' };
  }
  const packaged = await npmChromium();
  if (packaged) return packaged;
  if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, env: {}, source: 'Debian chromium' };
  throw new Error(`no headless browser: run 'npm ci' (it installs @sparticuz/chromium), or install Debian's chromium at ${DEBIAN_CHROMIUM}`);
}

/**
 * Headless Chromium with a fresh user-data dir and no network services.
 * `executablePath` names a browser directly (it must exist); otherwise {@link findBrowser} picks one.
 */
export async function launchChromium(executablePath?: string): Promise<BrowserContext> {
  let browser: Browser;
  if (executablePath !== undefined) {
    if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: no browser to launch there`);
    browser = { executablePath, env: {}, source: executablePath };
  } else {
    browser = await findBrowser();
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'hostplan-chromium-'));
  const env = Object.fromEntries(Object.entries({ ...process.env, ...browser.env }).filter((e): e is [string, string] => e[1] !== undefined));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: browser.executablePath,
    headless: true,
    args: FLAGS,
    env,
    viewport: { width: 1100, height: 900 },
  });
}
