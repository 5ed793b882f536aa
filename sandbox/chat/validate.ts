// Google's request checks, driven by the field lists derived from `@googleapis/chat` (scripts/chat-schema.ts):
// unknown body fields and query parameters, scalar types and the enums in enums.ts, with Google's 400 wording.
import {
  loadChatSchema,
  paramsInterfaceName,
  type ChatSchema,
  type FieldType,
} from '../../scripts/chat-schema';
import { BODY_ENUMS, PARAM_ENUMS } from './enums';
import { ChatError } from './errors';

export const snakeCase = (s: string): string => s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
const camelCase = (s: string): string => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** `Schema$GoogleAppsCardV1Card` → `google.apps.card.v1.Card`, `Schema$Message` → `google.chat.v1.Message`:
 *  the proto type Google quotes in "Invalid value" errors. */
export function protoTypeOf(ref: string): string {
  const name = ref.replace(/^Schema\$/, '');
  if (name.startsWith('GoogleAppsCardV1'))
    return `google.apps.card.v1.${name.slice('GoogleAppsCardV1'.length)}`;
  return `google.chat.v1.${name}`;
}

const scalarNames: Record<string, string> = {
  string: 'TYPE_STRING',
  number: 'TYPE_INT32',
  boolean: 'TYPE_BOOL',
};

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Looks a JSON key up in a field list: proto JSON accepts the camelCase and the original snake_case name. */
function fieldFor(fields: Record<string, FieldType>, key: string): [string, FieldType] | undefined {
  if (key in fields) return [key, fields[key]];
  const camel = camelCase(key);
  if (camel in fields) return [camel, fields[camel]];
  return undefined;
}

class Walker {
  readonly errors: string[] = [];
  constructor(private readonly schema: ChatSchema) {}

  value(value: unknown, type: FieldType, path: string, enumKey?: string): void {
    if (value === null || value === undefined) return;
    switch (type.kind) {
      case 'any':
      case 'unknown':
        return;
      case 'string': {
        if (typeof value !== 'string') {
          this.errors.push(`Invalid value at '${path}' (TYPE_STRING), ${show(value)}`);
          return;
        }
        const en = enumKey ? BODY_ENUMS[enumKey] : undefined;
        if (en && !en.values.includes(value))
          this.errors.push(
            `Invalid value at '${path}' (type.googleapis.com/${en.protoType}), ${show(value)}`,
          );
        return;
      }
      case 'number':
        if (!(typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))))
          this.errors.push(`Invalid value at '${path}' (${scalarNames.number}), ${show(value)}`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean')
          this.errors.push(`Invalid value at '${path}' (TYPE_BOOL), ${show(value)}`);
        return;
      case 'array':
        if (!Array.isArray(value)) {
          // Chat refuses a lone value where a list is expected; the emulator names the element type.
          const items = type.items;
          const name =
            items.kind === 'ref'
              ? `type.googleapis.com/${protoTypeOf(items.ref)}`
              : (scalarNames[items.kind] ?? items.kind);
          this.errors.push(`Invalid value at '${path}' (${name}), ${show(value)}`);
          return;
        }
        value.forEach((v, i) => this.value(v, type.items, `${path}[${i}]`, enumKey));
        return;
      case 'map':
        if (typeof value !== 'object' || Array.isArray(value)) {
          this.errors.push(`Invalid value at '${path}' (map), ${show(value)}`);
          return;
        }
        for (const [k, v] of Object.entries(value)) this.value(v, type.values, `${path}[${k}]`);
        return;
      case 'object':
        this.object(value, type.fields, path, '');
        return;
      case 'ref': {
        const fields = this.schema.schemas[type.ref];
        if (!fields) return;
        if (typeof value !== 'object' || Array.isArray(value)) {
          this.errors.push(
            `Invalid value at '${path}' (type.googleapis.com/${protoTypeOf(type.ref)}), ${show(value)}`,
          );
          return;
        }
        this.object(value, fields, path, type.ref);
        return;
      }
    }
  }

  object(value: object, fields: Record<string, FieldType>, path: string, ref: string): void {
    for (const [key, v] of Object.entries(value)) {
      const found = fieldFor(fields, key);
      if (!found) {
        this.errors.push(
          path
            ? `Invalid JSON payload received. Unknown name "${key}" at '${path}': Cannot find field.`
            : `Invalid JSON payload received. Unknown name "${key}": Cannot find field.`,
        );
        continue;
      }
      const [name, type] = found;
      if (Array.isArray(v) && type.kind !== 'array' && type.kind !== 'any' && type.kind !== 'unknown') {
        this.errors.push(
          `Invalid JSON payload received. Unknown name "${key}"${path ? ` at '${path}'` : ''}: ` +
            'Proto field is not repeating, cannot start list.',
        );
        continue;
      }
      const sub = path ? `${path}.${snakeCase(name)}` : snakeCase(name);
      this.value(v, type, sub, ref ? `${ref}.${name}` : undefined);
    }
  }
}

export interface MethodShape {
  params: Record<string, FieldType>;
  requestBody?: string;
}

export function methodShape(method: string): MethodShape | undefined {
  return loadChatSchema().methods[paramsInterfaceName(method)];
}

/** The name Google gives the body in error paths: the request field (`message`, `space`, `membership`), or
 *  nothing when the body is the request message itself (`SetUpSpaceRequest`). */
function bodyPrefix(ref: string): string {
  const name = ref.replace(/^Schema\$/, '');
  if (name.endsWith('Request')) return '';
  return snakeCase(name.charAt(0).toLowerCase() + name.slice(1));
}

/** Rejects unknown fields, wrong scalar types and bad enum values in a request body (400, Google's text). */
export function checkBody(ref: string, body: unknown): void {
  const schema = loadChatSchema();
  const walker = new Walker(schema);
  if (body === undefined || body === null) return;
  if (typeof body !== 'object' || Array.isArray(body))
    throw new ChatError(
      400,
      `Invalid JSON payload received. Unknown name "": Root element must be a message.`,
    );
  const fields = schema.schemas[ref];
  if (fields) walker.object(body, fields, bodyPrefix(ref), ref);
  if (walker.errors.length) throw new ChatError(400, walker.errors.join('\n'));
}

/** Checks path/query parameters against the method's derived parameter list and returns them by camelCase
 *  name with typed values (query strings arrive as text). */
export function checkParams(method: string, params: Record<string, unknown>): Record<string, unknown> {
  const schema = loadChatSchema();
  const iface = paramsInterfaceName(method);
  const allowed = { ...schema.standardParameters, ...(schema.methods[iface]?.params ?? {}) };
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(params)) {
    if (raw === undefined || raw === null) continue; // absent optional arguments
    const found = fieldFor(allowed, key);
    if (!found)
      throw new ChatError(
        400,
        `Invalid JSON payload received. Unknown name "${key}": Cannot bind query parameter. ` +
          `Field '${key}' could not be found in request message.`,
      );
    const [name, type] = found;
    const at = snakeCase(name);
    let value: unknown = raw;
    if (type.kind === 'boolean') {
      if (raw === 'true' || raw === 'false') value = raw === 'true';
      else if (typeof raw !== 'boolean')
        throw new ChatError(400, `Invalid value at '${at}' (TYPE_BOOL), ${show(raw)}`);
    } else if (type.kind === 'number') {
      const n =
        typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(n))
        throw new ChatError(400, `Invalid value at '${at}' (TYPE_INT32), ${show(raw)}`);
      value = n;
    } else if (type.kind === 'string') {
      if (typeof raw === 'number' || typeof raw === 'boolean') value = String(raw);
      else if (typeof raw !== 'string')
        throw new ChatError(400, `Invalid value at '${at}' (TYPE_STRING), ${show(raw)}`);
      const en = PARAM_ENUMS[`${iface}.${name}`];
      if (en && !en.values.includes(value as string))
        throw new ChatError(
          400,
          `Invalid value at '${at}' (type.googleapis.com/${en.protoType}), ${show(value)}`,
        );
    }
    out[name] = value;
  }
  return out;
}
