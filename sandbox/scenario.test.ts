// The scenario format (docs/scenario.md): every mistake names the path of the bad field; the example and
// the documented minimal scenario are valid; the page documents every field the checker knows.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadScenario, readScenario, SCENARIO_FIELDS, ScenarioError, validateScenario } from './scenario';

const ROOT = path.resolve(__dirname, '..');
const DOC = fs.readFileSync(path.join(ROOT, 'docs/scenario.md'), 'utf8');
const good = () => ({
  user: 'lead@example.com',
  chat: { spaces: [{ displayName: 'Build', webhook: 'ci' }] },
  tabs: {
    Webhooks: [
      ['Alias', 'URL'],
      ['ci', '{{webhook:ci}}'],
    ],
  },
});

/** The path and message of the problem found in `value` (or 'valid'). */
function problem(value: unknown): string {
  try {
    validateScenario(value, 'f.json');
    return 'valid';
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    expect(e.message).toBe(
      `f.json: ${e.where ? `${e.where}: ` : ''}${e.problem} (the format: docs/scenario.md)`,
    );
    expect(e.message).not.toContain('\n');
    return `${e.where} | ${e.problem}`;
  }
}

describe('scenario files', () => {
  it('accepts the example and the minimal scenario of docs/scenario.md', () => {
    expect(() => readScenario(path.join(ROOT, 'examples/onboarding.json'))).not.toThrow();
    const minimal = /## A minimal scenario\s+```json\n([\s\S]*?)```/.exec(DOC)![1];
    expect(problem(JSON.parse(minimal))).toBe('valid');
    expect(problem(good())).toBe('valid');
  });

  it.each<[string, (s: ReturnType<typeof good> & Record<string, unknown>) => unknown, string]>([
    ['{}', () => ({}), 'user | is required'],
    ['not an object', () => [], ' | must be an object, not an array'],
    ['a typo at the top', (s) => ({ ...s, tab: {} }), 'tab | unknown field; the top level may have'],
    ['no tabs', ({ tabs: _t, ...s }) => s, 'tabs | is required'],
    ['user not an e-mail', (s) => ({ ...s, user: 'lead' }), 'user | "lead" is not an e-mail address'],
    ['user a number', (s) => ({ ...s, user: 7 }), 'user | must be a string (an e-mail address), not number'],
    ['a bad zone', (s) => ({ ...s, timeZone: 'Paris' }), 'timeZone | "Paris" is not a time zone'],
    [
      'a start without offset',
      (s) => ({ ...s, start: '2026-03-02T08:30:00' }),
      'start | "2026-03-02T08:30:00" is not an ISO 8601 time',
    ],
    ['a bad start', (s) => ({ ...s, start: 'soon' }), 'start | "soon" is not an ISO 8601 time'],
    [
      'users not an array',
      (s) => ({ ...s, users: {} }),
      'users | must be an array (of people), not an object',
    ],
    [
      'a bad user e-mail',
      (s) => ({ ...s, users: [{ email: 'a@b.co' }, { email: 'ada' }] }),
      'users[1].email | "ada" is not an e-mail',
    ],
    [
      'a user field typo',
      (s) => ({ ...s, users: [{ email: 'a@b.co', name: 'A' }] }),
      'users[0].name | unknown field; users[0] may have email, displayName',
    ],
    ['a group without id', (s) => ({ ...s, groups: [{ email: 'g@b.co' }] }), 'groups[0].id | is required'],
    [
      'a group id with a prefix',
      (s) => ({ ...s, groups: [{ email: 'g@b.co', id: 'groups/abc' }] }),
      'groups[0].id | "groups/abc" is not a group id',
    ],
    [
      'a space without a name',
      (s) => ({ ...s, chat: { spaces: [{ members: [] }] } }),
      'chat.spaces[0].displayName | is required',
    ],
    [
      'a bad member',
      (s) => ({ ...s, chat: { spaces: [{ displayName: 'S', members: ['ada'] }] } }),
      'chat.spaces[0].members[0] | "ada" is not an e-mail',
    ],
    [
      'a webhook alias twice',
      (s) => ({
        ...s,
        chat: {
          spaces: [
            { displayName: 'A', webhook: 'x' },
            { displayName: 'B', webhook: 'x' },
          ],
        },
      }),
      'chat.spaces[1].webhook | the alias "x" is already used',
    ],
    ['a tab not an array', (s) => ({ ...s, tabs: { Spaces: 'Key' } }), 'tabs.Spaces | must be an array'],
    [
      'a row not an array',
      (s) => ({ ...s, tabs: { Spaces: [['Key'], 'team'] } }),
      'tabs.Spaces[1] | must be an array (of cells)',
    ],
    [
      'a boolean cell',
      (s) => ({
        ...s,
        tabs: {
          Spaces: [
            ['Key', 'External users'],
            ['t', false],
          ],
        },
      }),
      'tabs.Spaces[1][1] | must be a string (a cell as typed into Sheets',
    ],
    [
      'a tab name with a space',
      (s) => ({ ...s, tabs: { 'My tab': [[1]] } }),
      'tabs["My tab"][0][0] | must be a string',
    ],
    [
      'two tabs differing in case',
      (s) => ({ ...s, tabs: { Spaces: [], spaces: [] } }),
      'tabs.spaces | Sheets tab names ignore case',
    ],
    [
      'an unknown webhook alias',
      (s) => ({
        ...s,
        tabs: {
          Webhooks: [
            ['Alias', 'URL'],
            ['ci', 'x {{webhook:cd}}'],
          ],
        },
      }),
      'tabs.Webhooks[1][1] | {{webhook:cd}} names no webhook: the aliases are ci',
    ],
  ])('%s: names the bad field', (_name, change, expected) => {
    expect(problem(change(good()))).toContain(expected);
  });

  it('names the file for a missing file, a folder and a JSON syntax error (with line and column)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-'));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{\n  "user": "a@b.co",\n  "tabs": {},\n}\n');
    const said = (file: string) => {
      try {
        readScenario(file, 'shown.json');
        return 'valid';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(said(path.join(dir, 'nope.json'))).toMatch(
      /^shown\.json: no such file; give a scenario with --workbook FILE/,
    );
    expect(said(dir)).toMatch(/^shown\.json: is a directory/);
    expect(said(bad)).toMatch(/^shown\.json: not valid JSON at line 4, column 1: a comma before '}'/);
    fs.rmSync(dir, { recursive: true });
  });

  it('docs/scenario.md documents every field the checker knows, and no other', () => {
    const documented = [...DOC.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...SCENARIO_FIELDS]);
    expect(DOC).toContain('{{webhook:ALIAS}}');
  });
});

describe('loadScenario: the person running', () => {
  const scenario = { user: 'lead@example.com', tabs: {} };
  const bundle = 'function token() { return ScriptApp.getOAuthToken(); }';

  it('is a Chat administrator unless admin: false; their token holds the manifest’s oauthScopes', () => {
    const a = loadScenario(scenario, { bundle });
    expect(a.chat.isAdmin('lead@example.com')).toBe(true);
    const b = loadScenario(scenario, { bundle, admin: false });
    expect(b.chat.isAdmin('lead@example.com')).toBe(false);
    const manifest = fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8');
    const c = loadScenario(scenario, { bundle, manifest });
    const token = c.sb.run('token').returned as string;
    expect(c.chat.toJSON().tokens[token].principal).toEqual({
      kind: 'user',
      email: 'lead@example.com',
      scopes: (JSON.parse(manifest) as { oauthScopes: string[] }).oauthScopes,
    });
  });
});
