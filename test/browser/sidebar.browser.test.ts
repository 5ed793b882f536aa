// The Preview message sidebar and the Chat viewer in a real browser (Debian's Chromium), served by the
// sandbox: the card as rendered, Send this row from the sidebar, the message arriving in the viewer.
// The screenshots are made here: every run keeps them in test-artifacts/screenshots/; `npm run screenshots`
// also refreshes the copies in docs/screenshots/ that the README shows (a run under load can shift a few
// pixels, and a test run should not leave the work tree changed).
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serve, type Served } from '../../sandbox/serve/server';
import { ROOT } from '../support/bundle';
import { world, type World } from '../support/world';
import { launchChromium, picture } from './chromium';

const SHOTS = path.join(ROOT, 'test-artifacts/screenshots');
const DOCS = path.join(ROOT, 'docs/screenshots');

async function shoot(
  target: Page | ReturnType<Page['locator']>,
  name: string,
  fullPage = false,
): Promise<void> {
  const file = path.join(SHOTS, name);
  await (fullPage
    ? (target as Page).screenshot({ path: file, fullPage })
    : target.screenshot({ path: file }));
  if (process.env.UPDATE_SCREENSHOTS || !fs.existsSync(path.join(DOCS, name)))
    fs.copyFileSync(file, path.join(DOCS, name));
}

const RELEASE_CARD = {
  header: {
    title: 'Release {{Version}}',
    subtitle: 'Shipped by {{Owner}}',
    imageUrl: 'https://example.com/avatar.svg',
    imageType: 'CIRCLE',
  },
  sections: [
    {
      header: 'What changed',
      widgets: [
        { textParagraph: { text: '<b>3 fixes</b> and a faster <i>sync</i>.' } },
        {
          decoratedText: {
            topLabel: 'Status',
            text: 'All 412 tests passed',
            startIcon: { knownIcon: 'STAR' },
          },
        },
        { image: { imageUrl: 'https://example.com/chart.svg', altText: 'Build times' } },
      ],
    },
    {
      widgets: [
        {
          columns: {
            columnItems: [
              { widgets: [{ decoratedText: { topLabel: 'Owner', text: '{{Owner}}' } }] },
              { widgets: [{ decoratedText: { topLabel: 'Version', text: '{{Version}}' } }] },
            ],
          },
        },
        { divider: {} },
        {
          grid: {
            title: 'Platforms',
            columnCount: 3,
            items: [{ title: 'Web' }, { title: 'Android' }, { title: 'iOS' }],
          },
        },
        {
          buttonList: {
            buttons: [
              {
                text: 'Release notes',
                onClick: { openLink: { url: 'https://example.com/notes/{{Version}}' } },
              },
              {
                text: 'Dashboard',
                type: 'OUTLINED',
                onClick: { openLink: { url: 'https://example.com/dash' } },
              },
            ],
          },
        },
      ],
    },
  ],
};

// A row Chat would refuse: a card sent as the user, with a widget Chat doesn't know, and hostile text.
const HOSTILE = '<img src=x onerror="globalThis.pwned = 1"> & <b>not bold</b>';
const REFUSED_CARD = {
  header: { title: 'Survey' },
  sections: [{ widgets: [{ sparkline: { values: [1, 2, 3] } }, { textParagraph: { text: HOSTILE } }] }],
};

let w: World;
let served: Served;
let browser: Browser;
let context: BrowserContext;
let space: string;

beforeAll(async () => {
  w = world();
  w.fill('Spaces', [{ Key: 'team', 'Display name': 'Release team' }]);
  w.run('syncSpaces');
  space = w.rows('Spaces')[0].Space;
  w.fill('Webhooks', [{ Alias: 'ci', URL: w.chat.createWebhook(space, 'Build bot') }]);
  const width = (w.sb.workbook.sheet('Messages').values[0] as string[]).length;
  const col = (i: number) => String.fromCharCode(65 + width + i);
  w.sb.workbook.setValues('Messages', `${col(0)}1:${col(1)}1`, [['Version', 'Owner']]);
  w.fill('Messages', [
    {
      Key: 'release-2-4',
      Webhook: 'ci',
      Text: 'Release *{{Version}}* is out: <https://example.com/notes|read the notes>, ask `#release`.',
      Card: JSON.stringify(RELEASE_CARD),
      Version: '2.4',
      Owner: 'Ada',
    },
    { Key: 'survey', Space: 'team', Text: `Hi ${HOSTILE}`, Card: JSON.stringify(REFUSED_CARD) },
    {
      Key: 'notes-2-4',
      Space: 'team',
      Text: 'The notes for *{{Version}}*, as a PDF.',
      Attachment: w.sb.drive.addFile({
        name: 'Release notes 2.4.pdf',
        mimeType: 'application/pdf',
        size: 1_284_000,
      }).url,
      Version: '2.4',
    },
    {
      Key: 'nudge-ada',
      Space: 'team',
      As: 'APP',
      'Visible to': 'ada@example.com',
      Text: 'Hi {{Owner}}, your sign-off on {{Version}} is the last one missing.',
      Version: '2.4',
      Owner: 'Ada',
    },
    {
      Key: 'shipped',
      Space: 'team',
      Text: 'Shipped 2.3 🎉',
      Status: 'DONE',
      Detail: 'Sent.',
      Reactions: '👍 12 · 🎉 3',
    },
  ]);
  const app = w.chat.addServiceAccount({ name: 'release-bot' });
  w.sb.ui.answers.push({ button: 'OK', text: JSON.stringify(app) });
  w.run('setUpAppAuth');
  w.run('checkRows');
  w.run('onOpen', { trigger: 'simple' });
  served = await serve({ sb: w.sb, chat: w.chat });
  browser = await launchChromium();
  context = await browser.newContext();
  await context.route('https://example.com/*.svg', (route) =>
    route.fulfill({
      contentType: 'image/svg+xml',
      body: route.request().url().includes('avatar')
        ? picture('2.4', '#0b57d0', 64, 64)
        : picture('build time ↓ 18%', '#188038'),
    }),
  );
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.mkdirSync(DOCS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function open(url: string, width: number, height: number): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(new URL(url, served.url).href, { waitUntil: 'domcontentloaded' });
  return page;
}

/** Screenshots wait for every picture, in the page and in its frames. */
async function pictures(page: Page): Promise<void> {
  const loaded = `Promise.all([...document.images].map((i) => i.complete || new Promise((r) => { i.onload = i.onerror = r; })))`;
  for (const frame of page.frames()) await frame.evaluate(loaded);
}

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().textContent())?.trim();

describe('Preview message in Chromium', () => {
  it('shows the row as Chat would: formatted text, then the card with every section and widget', async () => {
    const page = await open('sidebar?row=2', 300, 980);
    await page.locator('.c-card').waitFor();
    expect(await text(page, '#check-result')).toBe('✓ Would send text and 1 card(s) to webhook ci.');
    expect(await text(page, '.c-msg-head .c-sender')).toBe('ci');

    const msg = page.locator('.c-msg-text');
    expect(await msg.locator('b').textContent()).toBe('2.4');
    expect(await msg.locator('a').getAttribute('href')).toBe('https://example.com/notes');
    expect(await msg.locator('a').textContent()).toBe('read the notes');
    expect(await msg.locator('code').textContent()).toBe('#release');

    const card = page.locator('.c-card');
    expect(await text(page, '.c-card-title')).toBe('Release 2.4');
    expect(await text(page, '.c-card-subtitle')).toBe('Shipped by Ada');
    expect(await card.locator('.c-section').count()).toBe(2);
    expect(await text(page, '.c-section-header')).toBe('What changed');
    expect(await card.locator('.c-text b').textContent()).toBe('3 fixes');
    expect(await card.locator('.c-columns .c-column').allTextContents()).toEqual(['OwnerAda', 'Version2.4']);
    expect(await card.locator('.c-grid-title').allTextContents()).toEqual(['Web', 'Android', 'iOS']);
    expect(await card.locator('.c-divider').count()).toBe(1);
    const buttons = card.locator('.c-buttons a');
    expect(await buttons.allTextContents()).toEqual(['Release notes', 'Dashboard']);
    expect(await buttons.first().getAttribute('href')).toBe('https://example.com/notes/2.4');
    await pictures(page);
    const chart = card.locator('img.c-image');
    expect(await chart.getAttribute('alt')).toBe('Build times');
    expect(await chart.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(
      320,
    );
    // Laid out as a card: the two columns side by side, the three grid items in one row.
    const [left, right] = await card.locator('.c-column').all();
    expect((await right.boundingBox())!.x).toBeGreaterThan((await left.boundingBox())!.x + 50);
    const ys = await Promise.all(
      (await card.locator('.c-grid-item').all()).map(async (i) => (await i.boundingBox())!.y),
    );
    expect(new Set(ys).size).toBe(1);

    await shoot(page, 'sidebar.png', true);
    await page.close();
  });

  it('Send this row posts it, and the viewer shows the message arrive', async () => {
    const viewer = await open('', 1280, 860);
    const inSpace = viewer.locator(`[data-space="${space}"]`);
    await inSpace.locator('text=No messages yet.').waitFor();
    // Beside the Messages tab, the Spaces and Members tabs' statuses.
    expect(await viewer.locator('[data-tab="Spaces"] tr[data-tab-row="2"]').textContent()).toMatch(
      /^2team “Release team” \(spaces\/\w+\).*DONE$/,
    );
    expect(await text(viewer, '[data-tab="Members"]')).toBe('Members tabNo Members rows yet.');

    const sidebar = await open('sidebar?row=2', 300, 900);
    await sidebar.click('#send-btn');
    await sidebar.locator('#status').waitFor();
    expect(await text(sidebar, '#status')).toBe('DONE');
    expect(await text(sidebar, '#report')).toBe('Messages: 1 done');
    expect(await sidebar.locator('#send-btn').isDisabled()).toBe(true);
    expect(w.rows('Messages')[0].Status).toBe('DONE');

    // The viewer polls the sandbox: no reload.
    await inSpace.locator('.c-card-title').waitFor({ timeout: 5000 });
    expect(await inSpace.locator('.c-card-title').textContent()).toBe('Release 2.4');
    expect(await inSpace.locator('.c-msg-head').textContent()).toMatch(/^Build botWebhook\d\d:\d\d$/);
    expect(await inSpace.locator('.c-msg-text b').textContent()).toBe('2.4');
    expect(await viewer.locator('tr[data-row="2"]').textContent()).toContain('DONE');

    await viewer.click('[data-preview="2"]');
    const frame = viewer.frameLocator('#sidebar iframe');
    await frame.locator('#status').waitFor();
    await pictures(viewer);
    await shoot(viewer, 'viewer.png');
    await Promise.all([viewer.close(), sidebar.close()]);
  });

  it('a refused row: the reason, no Send, the unknown widget labelled, hostile text shown as text', async () => {
    const page = await open('sidebar?row=3', 300, 900);
    await page.locator('.c-card').waitFor();
    const check = page.locator('#check-result');
    expect(await check.getAttribute('class')).toBe('p-check p-check-invalid');
    expect(await check.textContent()).toContain('Card: unknown field “sparkline”');
    expect(await page.locator('#send-btn').isDisabled()).toBe(true);
    expect(await text(page, '.c-unknown')).toBe('Unknown widget “sparkline”');
    expect(await page.locator('img[onerror]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await text(page, '.c-msg-text')).toBe(`Hi ${HOSTILE}`);
    expect(await page.locator('.c-card .c-text b').count()).toBe(1); // Chat's <b> is kept, the <img> is text
    expect(await text(page, '.c-card .c-text')).toBe('<img src=x onerror="globalThis.pwned = 1"> & not bold');

    await page.click('#check-btn');
    await page.locator('#report').waitFor();
    expect(await text(page, '#report')).toBe('Messages: 1 invalid');
    expect(await text(page, '#status')).toBe('INVALID');
    expect(w.rows('Messages')[1].Status).toBe('INVALID');
    await page.close();
  });

  it('an attachment: the file’s name and size under the text, in the check and beside File', async () => {
    const page = await open('sidebar?row=4', 300, 620);
    await page.locator('.c-file').waitFor();
    expect(await text(page, '#check-result')).toMatch(
      /^✓ Would send text with the file Release notes 2\.4\.pdf, 1\.2 MB to spaces\/\w+\.$/,
    );
    expect(await text(page, '.c-file-name')).toBe('Release notes 2.4.pdf');
    expect(await text(page, '.c-file-size')).toBe('1.2 MB');
    expect(await page.locator('.p-meta').textContent()).toContain('FileRelease notes 2.4.pdf, 1.2 MB');
    expect(await text(page, '.c-msg-text b')).toBe('2.4');
    expect(await page.locator('#send-btn').isDisabled()).toBe(false);
    await shoot(page, 'sidebar-attachment.png', true);
    await page.close();
  });

  it('a private note: marked as such, saying who alone will see it', async () => {
    const page = await open('sidebar?row=5', 300, 560);
    await page.locator('.c-private').waitFor();
    expect(await text(page, '#check-result')).toMatch(
      /^✓ Would send text to spaces\/\w+ as the app, visible only to ada@example\.com\.$/,
    );
    expect(await text(page, '.c-private')).toBe('Only visible to ada@example.com');
    expect(await page.locator('.c-msg-private').count()).toBe(1);
    expect(await page.locator('.p-meta').textContent()).toContain(
      'Visible toada@example.com only (a private note)',
    );
    expect(await text(page, '.c-msg-text')).toBe('Hi Ada, your sign-off on 2.4 is the last one missing.');
    expect(await text(page, '.c-msg-head .c-sender')).toBe('Chat app');
    await shoot(page, 'sidebar-private.png', true);
    await page.close();
  });

  it('a sent row with its Reactions filled: a chip for each reaction', async () => {
    const page = await open('sidebar?row=6', 300, 500);
    await page.locator('.c-reaction').first().waitFor();
    expect(await page.locator('.c-reaction').allTextContents()).toEqual(['👍 12', '🎉 3']);
    expect(await text(page, '#status')).toBe('DONE');
    await page.close();
  });
});
