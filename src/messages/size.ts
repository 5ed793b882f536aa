// Chat refuses messages over 32,000 bytes, counted as the text's UTF-8 bytes plus the cards (a newline in
// the text is one byte, not the two of its JSON escape). Apps Script's V8 can't be relied on for
// TextEncoder, so the UTF-8 length is counted from the UTF-16 code units by hand.

export const MAX_MESSAGE_BYTES = 32_000;

export type SizeResult = { ok: true; bytes: number } | { ok: false; bytes: number; reason: string };

/** Bytes `text` takes in UTF-8. A lone surrogate counts 3 (it is sent as U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4; // a pair: one code point above U+FFFF (most emoji)
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The size of a message as Chat counts it: its text's UTF-8 bytes plus its cards' JSON. */
export function messageBytes(message: {
  text?: string | null;
  cardsV2?: unknown;
  accessoryWidgets?: unknown;
}): number {
  const cards = [message.cardsV2, message.accessoryWidgets].filter((c) => c !== undefined);
  return (
    utf8Length(message.text ?? '') + cards.reduce((n: number, c) => n + utf8Length(JSON.stringify(c)), 0)
  );
}

export function checkMessageSize(
  message: Parameters<typeof messageBytes>[0],
  max = MAX_MESSAGE_BYTES,
): SizeResult {
  const bytes = messageBytes(message);
  if (bytes <= max) return { ok: true, bytes };
  return {
    ok: false,
    bytes,
    reason:
      `The message is ${thousands(bytes)} bytes: Chat accepts at most ${thousands(max)}. ` +
      'Shorten the text or the card (emoji and accented letters count 2–4 bytes each).',
  };
}

/** 32000 → "32,000" without toLocaleString, whose output depends on the runtime's locale data. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
