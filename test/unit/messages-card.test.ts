import { checkCardFields, jsonReason, nearest, normaliseCards } from '../../src/messages/card';
import { findJsonProblem } from '../../src/messages/json-error';

const makeCardId = (i: number): string => `card-${i + 1}`;
const norm = (json: unknown): ReturnType<typeof normaliseCards> =>
  normaliseCards(typeof json === 'string' ? json : JSON.stringify(json), makeCardId);
const cards = (json: unknown): ChatV1.CardWithId[] => {
  const r = norm(json);
  if (!r.ok) throw new Error(r.reason);
  return r.cardsV2;
};
const reasonOf = (json: unknown): string => {
  const r = norm(json);
  if (r.ok) throw new Error('accepted');
  return r.reason;
};

// A card in the style of Chat's documentation samples: header, sections, several widget kinds.
const contactCard = {
  header: {
    title: 'Sasha',
    subtitle: 'Software Engineer',
    imageUrl: 'https://developers.google.com/workspace/chat/images/quickstart-app-avatar.png',
    imageType: 'CIRCLE',
  },
  sections: [
    {
      header: 'Contact Info',
      collapsible: true,
      uncollapsibleWidgetsCount: 1,
      widgets: [
        { decoratedText: { startIcon: { knownIcon: 'EMAIL' }, text: 'sasha@example.com' } },
        {
          decoratedText: { startIcon: { knownIcon: 'PERSON' }, text: '<font color="#80e27e">Online</font>' },
        },
        { divider: {} },
        {
          buttonList: {
            buttons: [
              { text: 'Share', onClick: { openLink: { url: 'https://example.com/share' } } },
              {
                text: 'Edit',
                onClick: {
                  action: { function: 'goToView', parameters: [{ key: 'viewType', value: 'EDIT' }] },
                },
              },
            ],
          },
        },
        {
          columns: {
            columnItems: [
              { horizontalSizeStyle: 'FILL_AVAILABLE_SPACE', widgets: [{ textParagraph: { text: 'left' } }] },
            ],
          },
        },
      ],
    },
  ],
};

describe('normaliseCards: the four shapes', () => {
  it('a card object', () => {
    expect(cards(contactCard)).toEqual([{ cardId: 'card-1', card: contactCard }]);
  });

  it('a cardsV2 entry, keeping its cardId or giving one', () => {
    expect(cards({ cardId: 'mine', card: contactCard })).toEqual([{ cardId: 'mine', card: contactCard }]);
    expect(cards({ card: contactCard })).toEqual([{ cardId: 'card-1', card: contactCard }]);
    expect(cards({ cardId: '  ', card: contactCard })).toEqual([{ cardId: 'card-1', card: contactCard }]);
  });

  it('a list of entries, of cards, or of both', () => {
    expect(cards([{ card: contactCard }, { cardId: 'b', card: { header: { title: 'B' } } }])).toEqual([
      { cardId: 'card-1', card: contactCard },
      { cardId: 'b', card: { header: { title: 'B' } } },
    ]);
    expect(cards([contactCard, { header: { title: 'B' } }])).toEqual([
      { cardId: 'card-1', card: contactCard },
      { cardId: 'card-2', card: { header: { title: 'B' } } },
    ]);
  });

  it('{"cardsV2": […]}', () => {
    expect(cards({ cardsV2: [{ cardId: 'x', card: contactCard }, { card: contactCard }] })).toEqual([
      { cardId: 'x', card: contactCard },
      { cardId: 'card-2', card: contactCard },
    ]);
  });

  it('all four shapes give the same cardsV2 for one card', () => {
    const shapes = [
      contactCard,
      { card: contactCard },
      [{ card: contactCard }],
      [contactCard],
      { cardsV2: [contactCard] },
    ];
    for (const shape of shapes) expect(cards(shape)).toEqual([{ cardId: 'card-1', card: contactCard }]);
  });

  it('accepts pretty-printed JSON with unicode', () => {
    expect(cards(JSON.stringify({ header: { title: 'Grüße 🎉' } }, null, 2))[0].card?.header?.title).toBe(
      'Grüße 🎉',
    );
  });
});

describe('normaliseCards: refusals in one plain line', () => {
  it.each([
    ['[]', /no card/],
    ['{}', /empty/],
    ['"a card"', /must be a card object/],
    ['42', /must be a card object/],
    ['null', /must be a card object/],
    ['[1]', /card 1.*must be an object/],
    ['{"card": "x"}', /“card” must be an object/],
    ['{"cardId": 7, "card": {}}', /cardId must be a text/],
    ['{"cardsV2": {}}', /cardsV2 must be a list/],
    ['{"cardsV2": [], "text": "hi"}', /besides cardsV2 \(text\).*Text column/],
    ['[{"cardId":"a","card":{}},{"cardId":"a","card":{}}]', /two cards have the cardId “a”/],
    ['', /Card is empty/],
  ])('%s', (json, pattern) => {
    const reason = reasonOf(json);
    expect(reason).toMatch(pattern);
    expect(reason).not.toMatch(/\n/);
  });
});

describe('bad JSON', () => {
  it('says what is wrong and where', () => {
    const json = '{"header": {"title": "Hi"}, "sections": [{"widgets": []},]}';
    expect(reasonOf(json)).toBe(
      "Card is not valid JSON: a comma before ']' (remove the last comma) at position 57.",
    );
    expect(reasonOf('{"header": {"title": "Hi"}')).toBe(
      "Card is not valid JSON: expected ',' or '}' but found the end of the text at position 26.",
    );
    expect(reasonOf('{"a": }')).toBe('Card is not valid JSON: expected a value but found ‘}’ at position 6.');
    expect(reasonOf("{'a': 1}")).toBe(
      "Card is not valid JSON: expected a field name in double quotes but found ‘'’ at position 1.",
    );
  });

  it('gives line and column for multi-line JSON', () => {
    expect(reasonOf('{\n  "header": {\n    "title": "Hi"\n  }\n  "sections": []\n}')).toBe(
      "Card is not valid JSON: expected ',' or '}' but found ‘\"’ at line 5, column 3 (position 40).",
    );
  });

  it('hints that placeholders belong inside quotes', () => {
    expect(reasonOf('{"header": {"title": {{Name}} }}')).toMatch(
      /expected a field name in double quotes but found ‘\{’ at position 22\. Placeholders like \{\{Name\}\} must be inside a quoted string\.$/,
    );
  });

  it('agrees with JSON.parse on what is valid', () => {
    const samples = [
      '{"a":[1,2.5e-3,-0,true,false,null,"x\\u00e9\\n\\"\\\\"]}',
      ' [ ] ',
      '"\\ud83c\\udf89"',
      '{"a":1,}',
      '[1 2]',
      '{"a":"x\ny"}',
      '{"a":01}',
      '{"a":1.}',
      '{"a":"\\x"}',
      '{"a":"\\u12"}',
      '{"a":1}}',
      'tru',
      '[',
      '{"a":1} x',
      '-',
      '{"a" 1}',
    ];
    for (const s of samples) {
      let valid = true;
      try {
        JSON.parse(s);
      } catch {
        valid = false;
      }
      expect([s, findJsonProblem(s) === null]).toEqual([s, valid]);
    }
  });
});

describe('checkCardFields', () => {
  it('finds nothing wrong in a documented card, in any shape', () => {
    expect(checkCardFields(cards(contactCard))).toEqual([]);
    expect(checkCardFields(cards({ cardsV2: [{ cardId: 'a', card: contactCard }] }))).toEqual([]);
  });

  it('names unknown fields with their path and the nearest known name', () => {
    const card = {
      header: { title: 'x', subtitel: 'y' },
      sectons: [],
      sections: [
        { widgets: [{ textParagraph: { txt: 'a' } }, { decoratedText: { text: 'b', TopLabel: 'c' } }] },
      ],
      zzzzzzzzz: 1,
    };
    expect(checkCardFields(cards(card))).toEqual([
      'Card: unknown field “subtitel” at cardsV2[0].card.header — did you mean “subtitle”?',
      'Card: unknown field “sectons” at cardsV2[0].card — did you mean “sections”?',
      'Card: unknown field “txt” at cardsV2[0].card.sections[0].widgets[0].textParagraph — did you mean “text”?',
      'Card: unknown field “TopLabel” at cardsV2[0].card.sections[0].widgets[1].decoratedText — did you mean “topLabel”?',
      'Card: unknown field “zzzzzzzzz” at cardsV2[0].card.',
    ]);
  });

  it('checks the entry level too', () => {
    expect(checkCardFields([{ cardId: 'a', card: {}, cardID: 'b' } as ChatV1.CardWithId])).toEqual([
      'Card: unknown field “cardID” at cardsV2[0] — did you mean “cardId”?',
    ]);
  });

  it('reports lists and objects in the wrong place', () => {
    const card = { header: [{ title: 'x' }], sections: { widgets: [] }, name: { a: 1 } };
    expect(checkCardFields(cards(card))).toEqual([
      'Card: “header” at cardsV2[0].card.header must be an object {…}, not a list.',
      'Card: “sections” at cardsV2[0].card.sections must be a list […].',
      'Card: “name” at cardsV2[0].card.name must be a single value, not an object.',
    ]);
  });

  it('lets null stand for an absent field', () => {
    expect(checkCardFields(cards({ header: null, sections: [{ widgets: null }] }))).toEqual([]);
  });

  it('works with any schema table (the shape of the generated one)', () => {
    const table = {
      CardWithId: { card: 'Card', cardId: '' },
      Card: { tags: '[', meta: '{Meta', any: '*' },
      Meta: { v: '' },
    };
    expect(
      checkCardFields(
        [{ card: { tags: ['a'], meta: { x: { v: 1 }, y: { w: 2 } }, any: { q: [1] } } } as never],
        table,
      ),
    ).toEqual(['Card: unknown field “w” at cardsV2[0].card.meta.y — did you mean “v”?']);
  });
});

describe('nearest', () => {
  it('suggests only close names', () => {
    expect(nearest('sectons', ['header', 'sections'])).toBe('sections');
    expect(nearest('haeder', ['header', 'sections'])).toBe('header'); // swapped letters
    expect(nearest('SECTIONS', ['header', 'sections'])).toBe('sections');
    expect(nearest('foo', ['header', 'sections'])).toBeUndefined();
    expect(nearest('ab', ['id'])).toBeUndefined();
  });
});

describe('jsonReason', () => {
  it('never quotes more than a line', () => {
    expect(jsonReason('{"a": "' + 'x'.repeat(5000))).toBe(
      'Card is not valid JSON: a text in quotes is not closed at position 5007.',
    );
  });
});
