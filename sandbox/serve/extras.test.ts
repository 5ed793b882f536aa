import { extras } from './client/extras';

describe('the viewer’s extras around a message', () => {
  const names = { 'users/1': 'Ann' };

  test('a private note is labelled with its viewer; attachments and reaction chips in a row', () => {
    const html = extras(
      {
        privateMessageViewer: { name: 'users/1' },
        attachment: [{ contentName: 'Policy <2025>.pdf' }],
        emojiReactionSummaries: [
          { emoji: { unicode: '👍' }, reactionCount: 12 },
          { emoji: { customEmoji: { emojiName: ':parrot:' } }, reactionCount: 3 },
        ],
      },
      names,
    );
    expect(html).toContain('data-private="users/1">Only visible to Ann</div>');
    expect(html).toContain('📎 Policy &lt;2025&gt;.pdf');
    expect(html).toContain('data-reaction="👍">👍 12</span>');
    expect(html).toContain('>:parrot: 3</span>');
  });

  test('nothing for a plain message', () => {
    expect(extras({ text: 'hi' }, names)).toBe('');
  });
});
