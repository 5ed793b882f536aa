import { parseMemberRef, parseSpaceRef } from '../../src/chat/refs';
import { headerKey, mapColumns } from '../../src/sheet/headers';
import { SPACES } from '../../src/contract/tabs';
import { asText } from '../../src/sheet/cells';
import { redact, rememberSecret } from '../../src/text/redact';
import { oneLine } from '../../src/text/one-line';

describe('space references', () => {
  it.each([
    ['spaces/AAAAbbbb123', { kind: 'name', name: 'spaces/AAAAbbbb123' }],
    ['https://chat.google.com/room/AAAAbbbb123?cls=7', { kind: 'name', name: 'spaces/AAAAbbbb123' }],
    [
      'https://mail.google.com/chat/u/0/#chat/space/AAAAbbbb123',
      { kind: 'name', name: 'spaces/AAAAbbbb123' },
    ],
    ['onboarding-2026', { kind: 'key', key: 'onboarding-2026' }],
  ])('%s', (raw, expected) => expect(parseSpaceRef(raw)).toEqual(expected));

  it('rejects URLs that are not Chat spaces and malformed resource names', () => {
    expect(parseSpaceRef('https://example.com/room/AAAA').kind).toBe('bad');
    expect(parseSpaceRef('spaces/has space').kind).toBe('bad');
    expect(parseSpaceRef('  ').kind).toBe('bad');
  });
});

describe('member references', () => {
  it('maps e-mails, users, groups and the app', () => {
    expect(parseMemberRef('Ada@Example.com')).toEqual({
      kind: 'user',
      name: 'users/ada@example.com',
      alias: 'ada@example.com',
      email: 'ada@example.com',
    });
    expect(parseMemberRef('users/123456')).toEqual({
      kind: 'user',
      name: 'users/123456',
      alias: '123456',
      email: null,
    });
    expect(parseMemberRef('groups/abc123')).toEqual({ kind: 'group', name: 'groups/abc123' });
    expect(parseMemberRef('app')).toEqual({ kind: 'app', name: 'users/app', alias: 'app' });
  });

  it('explains that group e-mails are not accepted', () => {
    const ref = parseMemberRef('groups/team@example.com');
    expect(ref.kind).toBe('bad');
    expect(ref.kind === 'bad' && ref.reason).toMatch(/group e-mails are not accepted.*groups\/<id>/i);
  });

  it('rejects what is neither', () => expect(parseMemberRef('Ada Lovelace').kind).toBe('bad'));
});

describe('headers', () => {
  it('match ignoring case, spaces, hyphens and underscores', () => {
    expect(headerKey('DISPLAY_NAME')).toBe(headerKey('Display name'));
    expect(headerKey('display-Name')).toBe(headerKey('displayName'));
    const map = mapColumns(SPACES, ['My notes', 'KEY', 'display_name', 'status']);
    expect(map.index.get('Key')).toBe(1);
    expect(map.index.get('Display name')).toBe(2);
    expect(map.index.get('Status')).toBe(3);
    expect(map.missing).toContain('Detail');
    expect(map.missing).not.toContain('Key');
  });
});

describe('text written to cells', () => {
  it.each(['=HYPERLINK("x")', '+1', '-', '007', '12.5', 'TRUE', '2026-01-05', '9:30', '@mention'])(
    'keeps %s as text with an apostrophe',
    (v) => expect(asText(v)).toBe(`'${v}`),
  );
  it.each(['spaces/AAA', 'Added: ada@example.com.', ''])('leaves %p alone', (v) => expect(asText(v)).toBe(v));
});

describe('redaction', () => {
  it('removes webhook keys and tokens, bearer tokens and private keys', () => {
    const text =
      'Request failed for https://chat.googleapis.com/v1/spaces/AAA/messages?key=AIzaSECRET&token=tok%3DSECRET ' +
      'Authorization: Bearer ya29.SECRET {"private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n"}';
    const out = redact(text);
    expect(out).not.toMatch(/SECRET|MIIE/);
    expect(out).toContain('spaces/AAA');
  });

  it('removes secrets it was told about, wherever they appear', () => {
    rememberSecret('s3cr3t-value-42');
    expect(redact('x s3cr3t-value-42 y')).toBe('x … y');
  });

  it('Detail is one line of at most 500 characters', () => {
    const d = oneLine('a\nb\t' + 'x'.repeat(1000));
    expect(d).not.toMatch(/\n/);
    expect(d.length).toBe(500);
  });
});
