// Administrator access (admin.ts): the privilege per person, the scopes of user tokens, `useAdminAccess`.
import { ChatEmulator } from './emulator';
import { newEmulator } from './testing';

describe('the administrator privilege', () => {
  test('per person: addUser(e, {admin}), setAdmin, isAdmin; nobody is one unless said', () => {
    const { chat } = newEmulator();
    chat.addUser('boss@example.com', { admin: true });
    chat.userToken('ann@example.com');
    expect(chat.isAdmin('boss@example.com')).toBe(true);
    expect(chat.isAdmin('ann@example.com')).toBe(false);
    expect(chat.isAdmin('nobody@example.com')).toBe(false);
    chat.setAdmin('ann@example.com');
    chat.setAdmin('boss@example.com', false);
    expect([chat.isAdmin('ann@example.com'), chat.isAdmin('BOSS@example.com')]).toEqual([true, false]);
    chat.addUser('ann@example.com', { displayName: 'Ann' }); // says nothing of the privilege: kept
    expect(chat.isAdmin('ann@example.com')).toBe(true);
  });

  test("the sandbox's runner is one unless told otherwise, or already set as not one", () => {
    const { chat } = newEmulator();
    chat.registerRunner('ada@example.com');
    expect(chat.isAdmin('ada@example.com')).toBe(true);
    chat.registerRunner('ada@example.com', { admin: false });
    expect(chat.isAdmin('ada@example.com')).toBe(false);
    chat.registerRunner('ada@example.com'); // a second Sandbox over the same Chat keeps what was said
    expect(chat.isAdmin('ada@example.com')).toBe(false);
    chat.setAdmin('bob@example.com', false);
    chat.registerRunner('bob@example.com');
    expect(chat.isAdmin('bob@example.com')).toBe(false);
  });

  test('kept by toJSON / fromJSON', () => {
    const { chat, clock } = newEmulator();
    chat.addUser('boss@example.com', { admin: true });
    chat.addUser('ann@example.com', { admin: false });
    const copy = ChatEmulator.fromJSON(chat.toJSON(), { clock });
    expect([copy.isAdmin('boss@example.com'), copy.isAdmin('ann@example.com')]).toEqual([true, false]);
    copy.registerRunner('ann@example.com');
    expect(copy.isAdmin('ann@example.com')).toBe(false);
  });
});

describe('scopes of user tokens', () => {
  test('a token holds the scopes it was issued with; without, it is not restricted', () => {
    const { chat } = newEmulator();
    const scoped = chat.userToken('ann@example.com', ['https://www.googleapis.com/auth/chat.spaces']);
    const open = chat.userToken('ann@example.com');
    const { tokens } = chat.toJSON();
    expect(tokens[scoped].principal).toEqual({
      kind: 'user',
      email: 'ann@example.com',
      scopes: ['https://www.googleapis.com/auth/chat.spaces'],
    });
    expect(tokens[open].principal).toEqual({ kind: 'user', email: 'ann@example.com' });
  });
});
