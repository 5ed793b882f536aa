import { errorOf, withTeamSpace } from './testing';

const world = () => withTeamSpace();

test('an unknown field inside a card → 400 with the snake_case path', () => {
  const { chat, owner, space } = world();
  const r = owner(
    'chat.spaces.messages.create',
    { parent: space },
    { text: 'x', cardsV2: [{ cardId: 'a', card: { header: { title: 't' }, x: 1 } }] },
  );
  expect(r.status).toBe(400);
  expect(errorOf(r)).toEqual({
    code: 400,
    message:
      'Invalid JSON payload received. Unknown name "x" at \'message.cards_v2[0].card\': Cannot find field.',
    status: 'INVALID_ARGUMENT',
  });
  expect(chat.messages(space)).toHaveLength(0);
});

test('unknown top-level and nested body fields on other methods', () => {
  const { owner, space } = world();
  expect(
    errorOf(owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'x', colour: 'red' })).message,
  ).toBe('Invalid JSON payload received. Unknown name "colour" at \'space\': Cannot find field.');
  expect(
    errorOf(
      owner('chat.spaces.setup', {}, { space: { spaceType: 'SPACE', displayName: 'y', foo: 1 }, bar: 2 }),
    ).message,
  ).toBe(
    'Invalid JSON payload received. Unknown name "foo" at \'space\': Cannot find field.\n' +
      'Invalid JSON payload received. Unknown name "bar": Cannot find field.',
  );
  expect(
    errorOf(
      owner(
        'chat.spaces.members.create',
        { parent: space },
        { member: { name: 'users/a@example.com', email: 'a' } },
      ),
    ).message,
  ).toBe('Invalid JSON payload received. Unknown name "email" at \'membership.member\': Cannot find field.');
});

test('an unknown query parameter → 400 "Cannot bind query parameter"', () => {
  const { owner, space } = world();
  const r = owner('chat.spaces.messages.create', { parent: space, foo: 'bar' }, { text: 'x' });
  expect(errorOf(r).message).toBe(
    'Invalid JSON payload received. Unknown name "foo": Cannot bind query parameter. Field \'foo\' could not be found in request message.',
  );
});

test('a bad enum value → 400 naming the proto enum', () => {
  const { owner, space } = world();
  const r = owner(
    'chat.spaces.messages.create',
    { parent: space, messageReplyOption: 'REPLY_SOMETIMES' },
    { text: 'x' },
  );
  expect(errorOf(r).message).toBe(
    'Invalid value at \'message_reply_option\' (type.googleapis.com/google.chat.v1.CreateMessageRequest.MessageReplyOption), "REPLY_SOMETIMES"',
  );
  const s = owner('chat.spaces.create', {}, { spaceType: 'ROOM', displayName: 'z' });
  expect(errorOf(s).message).toBe(
    'Invalid value at \'space.space_type\' (type.googleapis.com/google.chat.v1.Space.SpaceType), "ROOM"',
  );
});

test('a list where one value is expected, and one value where a list is expected', () => {
  const { owner, space } = world();
  expect(
    errorOf(owner('chat.spaces.messages.create', { parent: space }, { cardsV2: [{ card: [] }] })).message,
  ).toBe(
    'Invalid JSON payload received. Unknown name "card" at \'message.cards_v2[0]\': Proto field is not repeating, cannot start list.',
  );
  expect(
    errorOf(owner('chat.spaces.messages.create', { parent: space }, { text: 'x', cardsV2: { cardId: 'a' } }))
      .message,
  ).toBe(
    'Invalid value at \'message.cards_v2\' (type.googleapis.com/google.chat.v1.CardWithId), {"cardId":"a"}',
  );
});

test('wrong scalar types are refused; output-only fields are ignored', () => {
  const { owner, space } = world();
  expect(errorOf(owner('chat.spaces.messages.create', { parent: space }, { text: 5 })).message).toBe(
    "Invalid value at 'message.text' (TYPE_STRING), 5",
  );
  const r = owner(
    'chat.spaces.messages.create',
    { parent: space },
    {
      text: 'x',
      name: 'spaces/Z/messages/forged',
      createTime: '2020-01-01T00:00:00Z',
      sender: { name: 'users/1' },
    },
  );
  expect(r.status).toBe(200);
  expect((r.body as { name: string }).name).not.toContain('forged');
});

test('REST: query parameters in snake_case or camelCase, and an HTML 404 for unknown paths', () => {
  const { chat, space } = world();
  const token = chat.userToken('owner@example.com');
  const post = (q: string) =>
    chat.http({
      method: 'POST',
      url: `https://chat.googleapis.com/v1/${space}/messages?${q}`,
      headers: { Authorization: `Bearer ${token}` },
      body: '{"text":"x"}',
    });
  expect(post('message_id=client-a').status).toBe(200);
  chat.clock.advance(1000);
  const bad = post('messageId=client-b&bogus=1');
  expect(bad.status).toBe(400);
  expect(JSON.parse(bad.body).error.message).toContain('Unknown name "bogus"');
  const nope = chat.http({
    method: 'GET',
    url: 'https://chat.googleapis.com/v1/nothing/here',
    headers: { Authorization: `Bearer ${token}` },
    body: '',
  });
  expect(nope.status).toBe(404);
  expect(nope.headers['content-type']).toContain('text/html');
});
