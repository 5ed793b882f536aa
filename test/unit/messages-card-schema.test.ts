import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadChatSchema } from '../../scripts/chat-schema';
import { cardSchemaTable, renderModule } from '../../scripts/gen-card-schema';
import { CARD_SCHEMA, CARD_SCHEMA_ROOT } from '../../src/generated/card-schema';

describe('the generated card schema', () => {
  const schema = loadChatSchema();

  it('is up to date with the installed @googleapis/chat (run `npx tsx scripts/gen-card-schema.ts`)', () => {
    const file = fs.readFileSync(path.join(__dirname, '../../src/generated/card-schema.ts'), 'utf8');
    expect(file).toBe(renderModule(schema));
  });

  it('holds every field of every schema reachable from CardWithId, with the right kind', () => {
    expect(CARD_SCHEMA_ROOT).toBe('CardWithId');
    expect(CARD_SCHEMA.CardWithId).toEqual({ card: 'Card', cardId: '' });
    const card = schema.schemas['Schema$GoogleAppsCardV1Card'];
    expect(Object.keys(CARD_SCHEMA.Card).sort()).toEqual(Object.keys(card).sort());
    expect(CARD_SCHEMA.Card.sections).toBe('[Section');
    expect(CARD_SCHEMA.Card.header).toBe('CardHeader');
    expect(CARD_SCHEMA.Section.widgets).toBe('[Widget');
    expect(Object.keys(CARD_SCHEMA.Widget).sort()).toEqual(
      Object.keys(schema.schemas['Schema$GoogleAppsCardV1Widget']).sort(),
    );
    // Every reference resolves inside the table.
    for (const fields of Object.values(CARD_SCHEMA))
      for (const code of Object.values(fields)) {
        const ref = code.replace(/^[[{]/, '');
        if (ref && ref !== '*') expect(CARD_SCHEMA[ref]).toBeDefined();
      }
  });

  it('stays small enough to bundle', () => {
    expect(JSON.stringify(CARD_SCHEMA).length).toBeLessThan(8000);
  });

  it('refuses a root the package does not have', () => {
    expect(() => cardSchemaTable(schema, 'Schema$Nope')).toThrow(/has no Schema\$Nope/);
  });
});
