// The pure parts of acknowledgements: the Reactions cell, the Not yet cell and reading it back, and the
// follow-up template.
import { DEFAULT_FOLLOW_UP, followUpTemplate, followUpText } from '../../src/messages/follow-up-template';
import { notYetCell, peopleIn } from '../../src/tabs/audience';
import { reactionsCell } from '../../src/tabs/refresh-messages';

const store = (value: string | null) => ({ get: () => value });

describe('Reactions cell', () => {
  it('shows each emoji with its count in Chat’s order, a custom emoji by name; none is blank', () => {
    expect(
      reactionsCell({
        emojiReactionSummaries: [
          { emoji: { unicode: '👍' }, reactionCount: 12 },
          { emoji: { customEmoji: { uid: 'u1', emojiName: ':rota:' } }, reactionCount: 2 },
          { emoji: { unicode: '🎉' }, reactionCount: 3 },
        ],
      }),
    ).toBe('👍 12 · :rota: 2 · 🎉 3');
    expect(reactionsCell({})).toBe('');
  });
});

describe('Not yet cell', () => {
  const audience = { kind: 'people' as const, people: ['users/1', 'users/2', 'users/3', 'users/4'] };

  it('lists the people who did neither, without the sender; none when that is no one', () => {
    expect(notYetCell(audience, new Set(['users/2']), 'users/1')).toBe('users/3, users/4');
    expect(notYetCell(audience, new Set(['users/2', 'users/3', 'users/4']), 'users/1')).toBe('none');
    expect(notYetCell({ kind: 'unlisted', why: 'Not listed: too big.' }, new Set(), '')).toBe(
      'Not listed: too big.',
    );
  });

  it('is read back as people only when it lists people', () => {
    expect(peopleIn('users/3, users/4')).toEqual(['users/3', 'users/4']);
    expect(peopleIn('none')).toEqual([]);
    expect(peopleIn('Not listed: the space has more than 200 members.')).toEqual([]);
    expect(peopleIn('users/3, ana@example.com')).toEqual([]);
    expect(peopleIn('')).toEqual([]);
  });
});

describe('follow-up template', () => {
  it('is the default without the property, and puts each person as a mention where {mentions} is', () => {
    expect(followUpTemplate(store(null))).toEqual({ ok: true, text: DEFAULT_FOLLOW_UP });
    expect(followUpTemplate(store('  '))).toEqual({ ok: true, text: DEFAULT_FOLLOW_UP });
    expect(followUpText('Hi {mentions}!', ['users/1', 'users/2'])).toBe('Hi <users/1> <users/2>!');
    expect(followUpText(DEFAULT_FOLLOW_UP, ['users/9'])).toMatch(/^Friendly reminder <users\/9>: /);
  });

  it('refuses a template without {mentions}, or one too long, saying which property to fix', () => {
    const missing = followUpTemplate(store('Please acknowledge.'));
    expect(missing).toEqual({
      ok: false,
      reason: expect.stringMatching(/FOLLOW_UP_TEMPLATE\) has no \{mentions\}/),
    });
    const long = followUpTemplate(store(`{mentions} ${'x'.repeat(5000)}`));
    expect(long).toEqual({
      ok: false,
      reason: expect.stringMatching(/5011 characters long: keep it under 4000/),
    });
  });
});
