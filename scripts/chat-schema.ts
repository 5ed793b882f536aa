// Derives the Chat API's field lists from the `@googleapis/chat` package's type declarations (build/v1.d.ts)
// with the TypeScript compiler API, so the emulator's "unknown field" checks and the product's card checks
// follow the same package version the source code is typed against — nothing is hand-copied.
//
// Run it to emit JSON: `npx tsx scripts/chat-schema.ts > chat-schema.json`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';

/** The shape of one field, as the declarations spell it (`string | null` → string, `Schema$X[]` → array…). */
export type FieldType =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'any' }
  | { kind: 'ref'; ref: string }
  | { kind: 'array'; items: FieldType }
  | { kind: 'map'; values: FieldType }
  | { kind: 'object'; fields: Record<string, FieldType> }
  | { kind: 'unknown'; text: string };

export interface MethodParams {
  /** Path and query parameters by their API names (`parent`, `messageId`, …), standard ones excluded. */
  params: Record<string, FieldType>;
  /** The `Schema$…` interface of `requestBody`, when the method takes one. */
  requestBody?: string;
}

export interface ChatSchema {
  package: string;
  version: string;
  /** Every `Schema$X` interface (keyed by its full name, e.g. `Schema$Message`) → its fields. */
  schemas: Record<string, Record<string, FieldType>>;
  /** Every `Params$Resource$…` interface (e.g. `Params$Resource$Spaces$Messages$Create`). */
  methods: Record<string, MethodParams>;
  /** `StandardParameters` every method accepts (`fields`, `key`, `alt`, …), without the client-only `auth`. */
  standardParameters: Record<string, FieldType>;
}

const PACKAGE = '@googleapis/chat';
const CACHE_FORMAT = 1;

function packageDir(): string {
  // The package's `exports` may hide package.json; its `main` resolves, and sits in build/.
  return path.resolve(path.dirname(require.resolve(PACKAGE)), '..');
}

function typeOf(ts: typeof TS, node: TS.TypeNode | undefined): FieldType {
  if (!node) return { kind: 'any' };
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { kind: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { kind: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { kind: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return { kind: 'any' };
  }
  if (ts.isParenthesizedTypeNode(node)) return typeOf(ts, node.type);
  if (ts.isUnionTypeNode(node)) {
    // `string | null` and friends: the nulls only say the field may be absent.
    const members = node.types.filter(
      (t) =>
        !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword) &&
        t.kind !== ts.SyntaxKind.UndefinedKeyword,
    );
    if (members.length === 1) return typeOf(ts, members[0]);
    return { kind: 'unknown', text: node.getText() };
  }
  if (ts.isArrayTypeNode(node)) return { kind: 'array', items: typeOf(ts, node.elementType) };
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.length === 1)
      return { kind: 'array', items: typeOf(ts, node.typeArguments[0]) };
    if (name.startsWith('Schema$')) return { kind: 'ref', ref: name };
    return { kind: 'unknown', text: name };
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index) return { kind: 'map', values: typeOf(ts, index.type) };
    return { kind: 'object', fields: fieldsOf(ts, node.members) };
  }
  return { kind: 'unknown', text: node.getText() };
}

function fieldsOf(ts: typeof TS, members: TS.NodeArray<TS.TypeElement>): Record<string, FieldType> {
  const fields: Record<string, FieldType> = {};
  for (const m of members) {
    if (!ts.isPropertySignature(m) || !m.name) continue;
    const name = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : m.name.getText();
    fields[name] = typeOf(ts, m.type);
  }
  return fields;
}

/** Parses the declarations (slow: seconds on a small machine — hence the cache in `loadChatSchema`). */
export function parseChatSchema(dtsText: string, version: string): ChatSchema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts: typeof TS = require('typescript');
  const file = ts.createSourceFile('v1.d.ts', dtsText, ts.ScriptTarget.Latest, true);
  const schema: ChatSchema = { package: PACKAGE, version, schemas: {}, methods: {}, standardParameters: {} };
  const visit = (node: TS.Node): void => {
    if (ts.isInterfaceDeclaration(node)) {
      const name = node.name.text;
      if (name.startsWith('Schema$')) schema.schemas[name] = fieldsOf(ts, node.members);
      else if (name === 'StandardParameters') {
        const { auth: _clientOnly, ...rest } = fieldsOf(ts, node.members);
        schema.standardParameters = rest;
      } else if (name.startsWith('Params$Resource$')) {
        const { requestBody, media: _upload, ...params } = fieldsOf(ts, node.members);
        schema.methods[name] = {
          params,
          ...(requestBody?.kind === 'ref' ? { requestBody: requestBody.ref } : {}),
        };
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return schema;
}

let memo: ChatSchema | undefined;

/** The derived schema for the installed package version: memoised, and cached on disk under
 *  node_modules/.cache/sheets-to-chat/ keyed by the version (parsing takes seconds). */
export function loadChatSchema(): ChatSchema {
  if (memo) return memo;
  const dir = packageDir();
  const version = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const cacheDir = path.resolve(dir, '..', '..', '.cache', 'sheets-to-chat');
  const cacheFile = path.join(cacheDir, `chat-schema-${version}-v${CACHE_FORMAT}.json`);
  try {
    const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as ChatSchema;
    if (cached.version === version && cached.package === PACKAGE) return (memo = cached);
  } catch {
    // no cache yet (or unreadable): parse below
  }
  const parsed = parseChatSchema(fs.readFileSync(path.join(dir, 'build', 'v1.d.ts'), 'utf8'), version);
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    // Write then rename so parallel jest workers never read a half-written file.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(parsed));
    fs.renameSync(tmp, cacheFile);
  } catch {
    // a read-only node_modules only costs speed
  }
  return (memo = parsed);
}

/** `chat.spaces.messages.create` → `Params$Resource$Spaces$Messages$Create` (the client's naming). */
export function paramsInterfaceName(method: string): string {
  const parts = method.replace(/^chat\./, '').split('.');
  return (
    'Params$Resource$' + parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase()).join('$')
  );
}

if (require.main === module) {
  process.stdout.write(JSON.stringify(loadChatSchema(), null, 2) + '\n');
}
