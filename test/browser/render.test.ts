// The renderer the sidebar and the sandbox viewer share, tested as strings: Chat's formatting, every card
// widget, and that nothing a row holds can become markup, script or a link of another kind.
import {
  escapeHtml,
  renderCard,
  renderCardText,
  renderCards,
  renderMessage,
  renderText,
  renderWidget,
} from '../../src/preview/render';

const VOID = new Set(['br', 'hr', 'img']);
const TAGS = new Set([
  ...VOID,
  ...['div', 'span', 'a', 'b', 'i', 's', 'u', 'strong', 'em', 'strike', 'del', 'code', 'pre'],
  ...['ul', 'ol', 'li', 'details', 'summary'],
  // The renderer's own icons (a paperclip, an eye), never anything from a row.
  ...['svg', 'path', 'circle'],
]);
const ATTRS =
  /^(class|href|target|rel|style|src|alt|title|role|aria-checked|aria-label|data-[a-z-]+|viewBox|width|height|d|cx|cy|r|fill|stroke|stroke-width|stroke-linecap)$/;

/**
 * Walks the tags of rendered HTML: every tag is one the renderer makes, every element is closed in order,
 * attributes are the renderer's own, and a link goes to http(s) or mailto only. Attribute values are
 * escaped by the renderer, so a `>` can't hide inside one and a regex is a fair parser here.
 */
function structure(html: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const [, closing, name, attrs] = m;
    if (!TAGS.has(name)) problems.push(`tag <${name}>`);
    if (closing) {
      if (open.pop() !== name) problems.push(`</${name}> closes something else`);
      continue;
    }
    for (const a of attrs.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)) {
      if (!ATTRS.test(a[1])) problems.push(`attribute ${a[1]} on <${name}>`);
      if (a[1] === 'href' && !/^(https?:\/\/|mailto:)/i.test(a[2])) problems.push(`href ${a[2]}`);
      if (a[1] === 'src' && !/^https?:\/\//i.test(a[2])) problems.push(`src ${a[2]}`);
    }
    // SVG shapes close themselves (`<path …/>`); nothing else may.
    const selfClosed = attrs.endsWith('/') && (name === 'path' || name === 'circle');
    if (!VOID.has(name) && !selfClosed) open.push(name);
  }
  if (open.length) problems.push(`unclosed ${open.join(', ')}`);
  return problems;
}

/** The text a reader sees: tags dropped, entities decoded. */
function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('escapeHtml', () => {
  it('escapes the five characters that can start markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml(undefined)).toBe('');
  });
});

describe('renderText: Chat message formatting', () => {
  it('bold, italic, strikethrough, inline code and code blocks', () => {
    expect(renderText('*bold* _italic_ ~gone~ `a < b`')).toBe(
      '<b>bold</b> <i>italic</i> <s>gone</s> <code class="c-code">a &lt; b</code>',
    );
    expect(renderText('before\n```\nconst x = 1 < 2;\n*not bold*\n```after')).toBe(
      'before\n<pre class="c-pre">const x = 1 &lt; 2;\n*not bold*\n</pre>after',
    );
  });

  it('nests emphasis, and leaves markers inside words, around spaces or unpaired alone', () => {
    expect(renderText('*bold _and italic_*')).toBe('<b>bold <i>and italic</i></b>');
    expect(renderText('2*3*4 snake_case_name')).toBe('2*3*4 snake_case_name');
    expect(renderText('a * not bold * and *open')).toBe('a * not bold * and *open');
    expect(renderText('Welcome to the *spring cohort*!')).toBe('Welcome to the <b>spring cohort</b>!');
  });

  it('links: <url|label>, <url> and bare addresses without their closing punctuation', () => {
    expect(renderText('See <https://example.com/a?b=1&c=2|the plan>.')).toBe(
      'See <a class="c-link" href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the plan</a>.',
    );
    const bare = renderText('Docs: https://example.com/x_(y). Or (https://example.com/z).');
    expect(bare).toContain('href="https://example.com/x_(y)"');
    expect(bare).toContain('href="https://example.com/z"');
    expect(visible(bare)).toBe('Docs: https://example.com/x_(y). Or (https://example.com/z).');
    expect(renderText('mail <mailto:a@example.com|me>')).toContain('href="mailto:a@example.com"');
  });

  it('never links anything but http(s) and mailto', () => {
    const html = renderText('<javascript:alert(1)|click> <data:text/html,x|x> <ftp://x|y>');
    expect(html).not.toContain('<a');
    expect(visible(html)).toBe('<javascript:alert(1)|click> <data:text/html,x|x> <ftp://x|y>');
  });

  it('mentions show as text: a known name, the id, or @all', () => {
    expect(renderText('Hi <users/123> and <users/456>, <users/all>', { names: { 'users/123': 'Ada' } })).toBe(
      'Hi <span class="c-mention" data-user="users/123">@Ada</span> and ' +
        '<span class="c-mention" data-user="users/456">@users/456</span>, ' +
        '<span class="c-mention" data-user="users/all">@all</span>',
    );
  });

  it('bulleted lines get a bullet, only at the start of a line', () => {
    expect(renderText('List:\n* one\n- *two*\nnot * a bullet')).toBe(
      'List:\n<span class="c-bullet">•</span> one\n<span class="c-bullet">•</span> <b>two</b>\nnot * a bullet',
    );
  });

  it('shows hostile text as text', () => {
    const evil = '<img src=x onerror=alert(1)> *<script>alert(1)</script>* "quoted" & \'single\'';
    const html = renderText(evil);
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>');
    expect(visible(html)).toBe(evil.replace(/\*/g, ''));
    expect(structure(html)).toEqual([]);
  });
});

describe('renderCardText: the HTML subset Chat allows in card text', () => {
  it('rebuilds allowed tags without their attributes', () => {
    expect(renderCardText('<b onclick="x()">Bold</b> <i>it</i> <u>u</u> <s>s</s><br/>line')).toBe(
      '<b>Bold</b> <i>it</i> <u>u</u> <s>s</s><br>line',
    );
    expect(
      renderCardText('<font color="#ff0000">red</font> <a href="https://x.test/?a=1&amp;b=2">go</a>'),
    ).toBe(
      '<span style="color:#ff0000">red</span> <a class="c-link" href="https://x.test/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">go</a>',
    );
  });

  it('drops links to anything but the web and mail, and colours that are not colours', () => {
    expect(renderCardText('<a href="javascript:alert(1)">x</a>')).toBe('x');
    expect(renderCardText('<font color="red;background:url(https://evil)">x</font>')).toBe('<span>x</span>');
  });

  it('shows other tags as text, closes what it opened, ignores stray closing tags', () => {
    expect(renderCardText('<script>alert(1)</script><b>open')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;<b>open</b>',
    );
    expect(renderCardText('</i>plain <b><i>both</b> after')).toBe('plain <b><i>both</i></b> after');
    expect(renderCardText('<iframe src="https://x">')).toBe('&lt;iframe src=&quot;https://x&quot;&gt;');
  });

  it('textSyntax MARKDOWN uses the message markup', () => {
    expect(renderCardText('*b* <b>x</b>', true)).toBe('<b>b</b> &lt;b&gt;x&lt;/b&gt;');
  });
});

describe('cards', () => {
  const widget = (w: unknown) => renderWidget(w);

  it('a card: header with avatar, sections with headers, dividers between sections, fixed footer', () => {
    const html = renderCard({
      header: {
        title: 'Nightly <build>',
        subtitle: 'green',
        imageUrl: 'https://x.test/a.png',
        imageType: 'CIRCLE',
      },
      sections: [
        { header: 'First', widgets: [{ textParagraph: { text: 'one' } }] },
        { widgets: [{ textParagraph: { text: 'two' } }] },
      ],
      fixedFooter: { primaryButton: { text: 'OK' }, secondaryButton: { text: 'Later', type: 'OUTLINED' } },
    });
    expect(html).toContain('<div class="c-card-title">Nightly &lt;build&gt;</div>');
    expect(html).toContain('<div class="c-card-subtitle">green</div>');
    expect(html).toContain('<img class="c-avatar c-circle" src="https://x.test/a.png" alt="">');
    expect(html).toContain('<div class="c-section-header">First</div>');
    expect(html.match(/c-section-divider/g)).toHaveLength(1);
    expect(visible(html.slice(html.indexOf('c-footer')))).toContain('LaterOK');
    expect(structure(html)).toEqual([]);
  });

  it('textParagraph, with maxLines', () => {
    expect(widget({ textParagraph: { text: 'All <b>412</b> tests passed.' } })).toBe(
      '<div class="c-text">All <b>412</b> tests passed.</div>',
    );
    expect(widget({ textParagraph: { text: 'x', maxLines: 2 } })).toContain('-webkit-line-clamp:2');
  });

  it('decoratedText: labels, start icon, text, and a button, switch or end icon', () => {
    const html = widget({
      decoratedText: {
        topLabel: 'Owner',
        text: '<b>Ada</b>',
        bottomLabel: 'since 2024',
        startIcon: { knownIcon: 'PERSON' },
        button: { text: 'Mail', onClick: { openLink: { url: 'mailto:ada@example.com' } } },
      },
    });
    expect(visible(html)).toBe('👤OwnerAdasince 2024Mail');
    expect(html).toContain('<b>Ada</b>');
    expect(html).toContain('href="mailto:ada@example.com"');
    const sw = widget({ decoratedText: { text: 'On?', switchControl: { selected: true } } });
    expect(sw).toContain('class="c-switch c-on"');
    expect(widget({ decoratedText: { text: 'x', endIcon: { iconUrl: 'https://x.test/i.png' } } })).toContain(
      '<img class="c-icon" src="https://x.test/i.png"',
    );
  });

  it('buttonList: links only to the web, Chat colours, disabled buttons inert', () => {
    const html = widget({
      buttonList: {
        buttons: [
          { text: 'Open', onClick: { openLink: { url: 'https://example.com/run/42' } } },
          { text: 'Red', color: { red: 1, green: 0, blue: 0 } },
          { text: 'Evil', onClick: { openLink: { url: 'javascript:alert(1)' } } },
          { text: 'Off', disabled: true, onClick: { openLink: { url: 'https://example.com' } } },
        ],
      },
    });
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain('href="https://example.com/run/42"');
    expect(html).toContain('style="background:rgba(255, 0, 0, 1)"');
    expect(visible(html)).toBe('OpenRedEvilOff');
    expect(html).toContain('c-disabled');
    expect(structure(html)).toEqual([]);
  });

  it('image, divider, columns, grid', () => {
    expect(widget({ image: { imageUrl: 'https://x.test/p.png', altText: 'a "chart"' } })).toBe(
      '<img class="c-image" src="https://x.test/p.png" alt="a &quot;chart&quot;">',
    );
    expect(widget({ image: { imageUrl: 'javascript:x', altText: 'chart' } })).toBe(
      '<div class="c-image c-missing">chart</div>',
    );
    expect(widget({ divider: {} })).toBe('<hr class="c-divider">');
    const cols = widget({
      columns: {
        columnItems: [
          { widgets: [{ textParagraph: { text: 'left' } }] },
          { widgets: [{ textParagraph: { text: 'right' } }] },
        ],
      },
    });
    expect(cols.match(/class="c-column"/g)).toHaveLength(2);
    expect(visible(cols)).toBe('leftright');
    const grid = widget({
      grid: {
        title: 'Team',
        columnCount: 3,
        items: [
          { title: 'Ada', subtitle: 'compilers', image: { imageUri: 'https://x.test/ada.png' } },
          { title: 'Alan' },
        ],
      },
    });
    expect(grid).toContain('grid-template-columns:repeat(3,minmax(0,1fr))');
    expect(grid.match(/class="c-grid-item"/g)).toHaveLength(2);
    expect(grid).toContain('src="https://x.test/ada.png"');
    expect(visible(grid)).toBe('TeamAdacompilersAlan');
    expect(structure(cols + grid)).toEqual([]);
  });

  it('chips and inputs show what they are; an unknown widget is a labelled box, never nothing', () => {
    expect(visible(widget({ chipList: { chips: [{ label: 'a' }, { label: 'b' }] } }))).toBe('ab');
    expect(widget({ textInput: { label: 'Your name' } })).toContain('Your name');
    expect(
      visible(widget({ selectionInput: { label: 'Pick', items: [{ text: 'x' }, { text: 'y' }] } })),
    ).toBe('selectionInputPick: x · y');
    const unknown = widget({ sparkline: { values: [1, 2] }, horizontalAlignment: 'CENTER' });
    expect(unknown).toContain('data-widget="sparkline"');
    expect(visible(unknown)).toBe('Unknown widget “sparkline”');
    expect(visible(widget({ '<img src=x>': {} }))).toBe('Unknown widget “<img src=x>”');
    expect(visible(widget({}))).toBe('Unknown widget “empty widget”');
    expect(visible(renderCard({}))).toBe('Unknown widget “empty card”');
  });

  it('a collapsible section shows its first widgets and folds the rest', () => {
    const html = renderCard({
      sections: [
        {
          collapsible: true,
          uncollapsibleWidgetsCount: 1,
          widgets: [{ textParagraph: { text: 'shown' } }, { textParagraph: { text: 'folded' } }],
        },
      ],
    });
    expect(html.indexOf('shown')).toBeLessThan(html.indexOf('<details'));
    expect(html.indexOf('folded')).toBeGreaterThan(html.indexOf('<summary>Show more</summary>'));
  });

  it('widgets of the wrong type are read as absent, not trusted', () => {
    const html = renderCard({
      header: { title: { toString: 'x' }, subtitle: 42 },
      sections: 'nope',
    } as unknown);
    expect(visible(html)).toBe('42');
    expect(renderCards([{ cardId: 'a"b', card: null }])).toContain('data-card-id="a&quot;b"');
  });
});

describe('renderMessage', () => {
  it('sender line, text and every card of cardsV2', () => {
    const html = renderMessage(
      {
        text: 'Hello *all*',
        cardsV2: [
          { cardId: 'one', card: { header: { title: 'First' } } },
          { cardId: 'two', card: { header: { title: 'Second' } } },
        ],
      },
      { sender: { name: 'build-bot', kind: 'webhook' }, time: '09:30' },
    );
    expect(visible(html)).toBe('build-botWebhook09:30Hello allFirstSecond');
    expect(html.match(/class="c-card-wrap"/g)).toHaveLength(2);
    expect(structure(html)).toEqual([]);
  });

  it('an attachment, a private note and reactions: drawn under the message, every value escaped', () => {
    const hostile = '<img src=x onerror=alert(1)>.pdf';
    const html = renderMessage(
      { text: 'Notes' },
      {
        attachments: [{ name: hostile, size: '1.2 MB' }],
        privateTo: 'ada@example.com<b>',
        reactions: [
          { emoji: '👍', count: 12 },
          { emoji: '<i>', count: 3 },
        ],
      },
    );
    expect(visible(html)).toBe(`Notes${hostile}1.2 MB Only visible to ada@example.com<b>👍 12<i> 3`);
    expect(html).toContain('class="c-msg c-msg-private"');
    expect(structure(html)).toEqual([]);
    // A message that is only a file is not empty.
    expect(visible(renderMessage({}, { attachments: [{ name: 'a.pdf', size: '' }] }))).toBe('a.pdf');
  });

  it('an empty message says so', () => {
    expect(visible(renderMessage({}))).toBe('(no text and no card)');
  });

  it('whatever a row holds, the output stays well-formed and inert (seeded random hostile inputs)', () => {
    const parts = [
      '<',
      '>',
      '*',
      '_',
      '~',
      '`',
      '```',
      '"',
      "'",
      '&',
      '|',
      '\n',
      ' ',
      'x',
      '<b>',
      '</b>',
      '<i>',
      '</a>',
      '<a href="',
      'javascript:',
      'https://e.test/',
      '<users/1>',
      '<script>',
      'onerror=',
      '<font color="',
      '<https://e.test/a|',
      'mailto:',
      '<br>',
      '</font>',
      '<img src=x>',
      '<ul><li>',
    ];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 500; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(next() * 24) },
        () => parts[Math.floor(next() * parts.length)],
      ).join('');
      const html = renderMessage({
        text,
        cardsV2: [
          {
            cardId: text,
            card: {
              header: { title: text },
              sections: [
                { widgets: [{ textParagraph: { text } }, { decoratedText: { text, topLabel: text } }] },
              ],
            },
          },
        ],
      });
      expect([text, structure(html)]).toEqual([text, []]);
      // Quoted attribute values are escaped text: what is left outside them must hold no handler.
      expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<script|<img(?! class="c-)|<[^>]*\son\w+=/i);
    }
  });
});
