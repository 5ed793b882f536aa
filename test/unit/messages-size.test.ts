import { checkMessageSize, MAX_MESSAGE_BYTES, messageBytes, utf8Length } from '../../src/messages/size';

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['🎉', 4],
    ['👩‍👩‍👧', 18], // three emoji joined by two ZWJ (3 bytes each)
    ['a\u0000b', 3],
    ['\u07ff\u0800\uffff', 2 + 3 + 3],
  ])('%j is %d bytes', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });

  it('counts lone surrogates as the 3-byte replacement character, like an encoder does', () => {
    for (const text of ['\ud83c', 'x\ude89', '\ud83c\ud83c', '\ude89\ud83c']) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });

  it('agrees with Node on a long mixed text', () => {
    const text = 'Grüße, 世界! 🎉🚀 \n\t"quoted"\\ '.repeat(500);
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});

describe('checkMessageSize', () => {
  it('counts the text’s UTF-8 bytes (a newline or a quote is one byte) plus the cards’ JSON', () => {
    expect(messageBytes({ text: 'a"b\n🎉' })).toBe(1 + 1 + 1 + 1 + 4);
    const cardsV2 = [{ cardId: 'c', card: { header: { title: 'Hé' } } }];
    expect(messageBytes({ text: 'x', cardsV2 })).toBe(1 + Buffer.byteLength(JSON.stringify(cardsV2)));
  });

  // Texts of exactly n bytes made of newlines, quotes, 4-byte emoji and letters.
  const sized = (n: number) => {
    const unit = '\n"🎉ab'; // 1 + 1 + 4 + 2 = 8 bytes
    const text = unit.repeat(Math.floor(n / 8)) + 'x'.repeat(n % 8);
    expect(Buffer.byteLength(text)).toBe(n);
    return { text };
  };

  it.each([
    [31_999, true],
    [32_000, true],
    [32_001, false],
  ])('a %i-byte text with newlines, quotes and emoji: ok %s', (n, ok) => {
    const result = checkMessageSize(sized(n));
    expect([result.ok, result.bytes]).toEqual([ok, n]);
  });

  it('refuses one byte too many, saying by how much in plain words', () => {
    const over = checkMessageSize(sized(32_001));
    expect(!over.ok && over.reason).toBe(
      'The message is 32,001 bytes: Chat accepts at most 32,000. Shorten the text or the card ' +
        '(emoji and accented letters count 2–4 bytes each).',
    );
    expect(MAX_MESSAGE_BYTES).toBe(32_000);
  });
});
