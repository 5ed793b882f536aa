import { loadChatSchema, paramsInterfaceName, parseChatSchema } from '../../scripts/chat-schema';

describe('schema derived from @googleapis/chat', () => {
  const schema = loadChatSchema();

  test('Schema$Message has cardsV2 → Schema$CardWithId[] and text: string', () => {
    expect(schema.schemas.Schema$Message.cardsV2).toEqual({
      kind: 'array',
      items: { kind: 'ref', ref: 'Schema$CardWithId' },
    });
    expect(schema.schemas.Schema$Message.text).toEqual({ kind: 'string' });
    expect(schema.schemas.Schema$CardWithId.card).toEqual({
      kind: 'ref',
      ref: 'Schema$GoogleAppsCardV1Card',
    });
    expect(schema.schemas.Schema$Space.externalUserAllowed).toEqual({ kind: 'boolean' });
    expect(schema.schemas.Schema$Status.details).toEqual({
      kind: 'array',
      items: { kind: 'map', values: { kind: 'any' } },
    });
  });

  test('methods list their parameters and request body', () => {
    const create = schema.methods[paramsInterfaceName('chat.spaces.messages.create')];
    expect(Object.keys(create.params).sort()).toEqual(
      [
        'createMessageNotificationOptions.notificationType',
        'messageId',
        'messageReplyOption',
        'parent',
        'requestId',
        'threadKey',
      ].sort(),
    );
    expect(create.requestBody).toBe('Schema$Message');
    expect(schema.methods.Params$Resource$Spaces$Setup.requestBody).toBe('Schema$SetUpSpaceRequest');
    expect(schema.methods.Params$Resource$Spaces$Members$List.params.showGroups).toEqual({ kind: 'boolean' });
    expect(schema.standardParameters).toHaveProperty('fields');
    expect(schema.standardParameters).not.toHaveProperty('auth');
    expect(paramsInterfaceName('chat.spaces.findDirectMessage')).toBe(
      'Params$Resource$Spaces$Finddirectmessage',
    );
  });

  test('every Schema$ reference resolves, and no field is left unclassified', () => {
    const refs: string[] = [];
    const walk = (t: unknown): void => {
      const f = t as { kind: string; ref?: string; items?: unknown; values?: unknown };
      if (f.kind === 'ref') refs.push(f.ref as string);
      if (f.kind === 'unknown') throw new Error(`unclassified: ${JSON.stringify(f)}`);
      if (f.items) walk(f.items);
      if (f.values) walk(f.values);
    };
    for (const fields of Object.values(schema.schemas)) Object.values(fields).forEach(walk);
    expect(refs.filter((r) => !schema.schemas[r])).toEqual([]);
  });

  test('parses declarations text directly (the cache holds the same result)', () => {
    const mini = parseChatSchema(
      `export declare namespace chat_v1 {
        interface StandardParameters { auth?: string; fields?: string; }
        export interface Schema$Thing { name?: string | null; tags?: string[]; labels?: { [key: string]: Schema$Thing }; }
        export interface Params$Resource$Things$Get extends StandardParameters { name?: string; requestBody?: Schema$Thing; }
      }`,
      '0.0.0',
    );
    expect(mini.schemas.Schema$Thing).toEqual({
      name: { kind: 'string' },
      tags: { kind: 'array', items: { kind: 'string' } },
      labels: { kind: 'map', values: { kind: 'ref', ref: 'Schema$Thing' } },
    });
    expect(mini.methods.Params$Resource$Things$Get).toEqual({
      params: { name: { kind: 'string' } },
      requestBody: 'Schema$Thing',
    });
    expect(mini.standardParameters).toEqual({ fields: { kind: 'string' } });
  });
});
