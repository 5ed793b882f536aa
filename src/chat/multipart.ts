// The multipart/related body of a REST media upload (Google's "multipart upload": the JSON metadata,
// then the file), as the bytes UrlFetchApp sends. Built as bytes, not text, so a binary file arrives
// exactly as Drive holds it.

/** UTF-8 bytes of `text`, signed (-128…127) as Java's byte[] and Apps Script's getBytes give them. */
export function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out.map((b) => (b > 127 ? b - 256 : b));
}

/** The body and its content type: `metadata` as JSON in the first part, `file` in the second. */
export function multipartRelated(
  metadata: object,
  file: { contentType: string; bytes: number[] },
  boundary: string,
): { contentType: string; payload: number[] } {
  const head =
    `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}\r\n` +
    `--${boundary}\r\nContent-Type: ${file.contentType}\r\n\r\n`;
  const tail = `\r\n--${boundary}--`;
  return {
    contentType: `multipart/related; boundary=${boundary}`,
    payload: utf8Bytes(head).concat(file.bytes, utf8Bytes(tail)),
  };
}
