import { fillCard, fillText, lookupFrom, placeholdersIn } from '../../src/messages/template';

const row = lookupFrom([
  ['Name', 'Ada'],
  ['Display name', 'Ada "The Countess" Lovelace'],
  ['Due_date', '2026-03-02'],
  ['Note', 'line 1\nline 2 \\ back\\slash "quoted" {braces} $& $1 – café 🎉'],
  ['Empty', ''],
]);

describe('fillText', () => {
  it('replaces placeholders, matching headers like the tabs do and tolerating spaces in braces', () => {
    expect(fillText('Hi {{Name}}, due {{ due date }} ({{DISPLAY-NAME}})', row)).toEqual({
      ok: true,
      text: 'Hi Ada, due 2026-03-02 (Ada "The Countess" Lovelace)',
    });
  });

  it('inserts values literally: no $-patterns, no second pass over inserted text', () => {
    const lookup = lookupFrom([
      ['A', '$& and $1'],
      ['B', '{{A}}'],
    ]);
    expect(fillText('{{A}} / {{B}}', lookup)).toEqual({ ok: true, text: '$& and $1 / {{A}}' });
  });

  it('an empty value is a known column', () => {
    expect(fillText('[{{Empty}}]', row)).toEqual({ ok: true, text: '[]' });
  });

  it('reports every unknown placeholder once, in order', () => {
    expect(fillText('{{Nmae}} {{Name}} {{ Nmae }} {{Team}} {{}}', row)).toEqual({
      ok: false,
      unknown: ['Nmae', 'Team', '{{}}'],
    });
  });

  it('leaves text without placeholders and single braces alone', () => {
    expect(fillText('a {b} {{ c', row)).toEqual({ ok: true, text: 'a {b} {{ c' });
  });

  it('lists the placeholders used', () => {
    expect(placeholdersIn('{{ A }} {{B}} {{A}}')).toEqual(['A', 'B']);
  });
});

describe('lookupFrom', () => {
  it('first matching column wins; blank headers never match', () => {
    const l = lookupFrom([
      ['Team', 'one'],
      ['team', 'two'],
      ['', 'blank'],
    ]);
    expect(l('TEAM')).toBe('one');
    expect(l('')).toBeUndefined();
    expect(l(' ')).toBeUndefined();
  });
});

describe('fillCard', () => {
  const card = {
    header: { title: 'Hello {{Name}}', subtitle: '{{Display name}}' },
    sections: [
      {
        header: 'Notes',
        widgets: [
          { textParagraph: { text: '<b>{{Note}}</b>' } },
          { decoratedText: { topLabel: 'Due', text: '{{Due date}}', wrapText: true } },
          {
            buttonList: {
              buttons: [{ text: 'Open', onClick: { openLink: { url: 'https://x/?n={{Name}}' } } }],
            },
          },
        ],
      },
    ],
    '{{Name}}': 'keys are not templates',
    count: 3,
    nothing: null,
  };

  it('fills every string value, leaves keys and non-strings alone, and does not change its input', () => {
    const before = JSON.stringify(card);
    const out = fillCard(card, row);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(JSON.stringify(card)).toBe(before);
    expect(out.card.header.title).toBe('Hello Ada');
    expect(out.card.sections[0].widgets[2].buttonList?.buttons[0].onClick.openLink.url).toBe(
      'https://x/?n=Ada',
    );
    expect(out.card['{{Name}}']).toBe('keys are not templates');
    expect(out.card.count).toBe(3);
    expect(out.card.nothing).toBeNull();
    expect(out.card.sections[0].widgets[1].decoratedText?.wrapText).toBe(true);
  });

  it('values with quotes, newlines, backslashes and unicode round-trip through JSON intact', () => {
    const out = fillCard(card, row);
    if (!out.ok) throw new Error('unexpected unknown placeholders');
    const sent = JSON.stringify({ cardsV2: [{ cardId: 'c1', card: out.card }] });
    const received = JSON.parse(sent) as { cardsV2: [{ card: typeof card }] };
    expect(received.cardsV2[0].card.header.subtitle).toBe('Ada "The Countess" Lovelace');
    expect(received.cardsV2[0].card.sections[0].widgets[0].textParagraph?.text).toBe(
      '<b>line 1\nline 2 \\ back\\slash "quoted" {braces} $& $1 – café 🎉</b>',
    );
    expect(received.cardsV2[0].card['{{Name}}']).toBe('keys are not templates');
  });

  it('reports unknown placeholders from anywhere in the card', () => {
    expect(fillCard({ a: ['{{X}}', { b: '{{Name}} {{Y}}' }], c: '{{X}}' }, row)).toEqual({
      ok: false,
      unknown: ['X', 'Y'],
    });
  });

  it('works on scalars and arrays at the top', () => {
    expect(fillCard('{{Name}}', row)).toEqual({ ok: true, card: 'Ada' });
    expect(fillCard([1, '{{Name}}'], row)).toEqual({ ok: true, card: [1, 'Ada'] });
  });
});
