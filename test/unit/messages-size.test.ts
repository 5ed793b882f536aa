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
  it('measures the JSON as sent (escapes included)', () => {
    const message = { text: 'a"b\n🎉' };
    expect(messageBytes(message)).toBe(Buffer.byteLength(JSON.stringify(message)));
  });

  it('accepts exactly 32,000 bytes and refuses one more, saying by how much in plain words', () => {
    const overhead = messageBytes({ text: '' });
    expect(checkMessageSize({ text: 'x'.repeat(MAX_MESSAGE_BYTES - overhead) })).toEqual({
      ok: true,
      bytes: 32000,
    });
    const over = checkMessageSize({ text: 'x'.repeat(MAX_MESSAGE_BYTES - overhead - 3) + '🎉' });
    expect(over.ok).toBe(false);
    expect(over.bytes).toBe(32001);
    expect(!over.ok && over.reason).toBe(
      'The message is 32,001 bytes: Chat accepts at most 32,000. Shorten the text or the card ' +
        '(emoji and accented letters count 2–4 bytes each).',
    );
  });
});
