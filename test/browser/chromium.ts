// Debian's Chromium driven by playwright-core (Playwright's own browser download does not work here;
// .ci/run installs the chromium package). Flags: no sandbox as root, and nothing that reaches the network.
import * as fs from 'fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does), or set CHROMIUM_PATH.`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Pictures for the card previews: served by the test, since the machine has no network. */
export function picture(label: string, color: string, width = 320, height = 120): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="${width}" height="${height}" fill="${color}"/>` +
    `<text x="${width / 2}" y="${height / 2 + 8}" font-family="sans-serif" font-size="22" fill="#fff" ` +
    `text-anchor="middle">${label}</text></svg>`
  );
}
