// The browser every bench script loads pages in: Debian's Chromium, headless, with software WebGL
// (as tests/e2e/harness.mjs) and no background traffic on this closed network.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

// A new browser whose GPU process is already running. The warm-up matters: a new Chromium with
// SwiftShader takes 2-3 s on this machine to start its GPU process, which delays the first frame
// of the first page by that much (a visitor's browser is already running; and it would hit the
// loaders that wait for a frame harder than the ones that do not).
export async function launchWarm() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const warm = await browser.newContext();
  const page = await warm.newPage();
  await page.setContent('<canvas></canvas>');
  await page.evaluate(() => new Promise((resolve) => {
    const gl = document.querySelector('canvas').getContext('webgl2');
    if (gl) gl.clear(gl.COLOR_BUFFER_BIT);
    requestAnimationFrame(() => requestAnimationFrame(resolve));
  }));
  await warm.close();
  return browser;
}
