// Maps Chat REST URLs (https://chat.googleapis.com/v1/...) to the API method names `call()` takes.

export interface Route {
  method: string;
  /** Path parameters (`name`, `parent`). */
  params: Record<string, string>;
}

type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const ROUTES: [Verb, RegExp, string, 'name' | 'parent' | null][] = [
  ['POST', /^spaces$/, 'chat.spaces.create', null],
  ['GET', /^spaces$/, 'chat.spaces.list', null],
  ['POST', /^spaces:setup$/, 'chat.spaces.setup', null],
  ['GET', /^spaces:findDirectMessage$/, 'chat.spaces.findDirectMessage', null],
  ['GET', /^spaces:search$/, 'chat.spaces.search', null],
  // media.upload's metadata URI: no file travels with it (the upload URI is /upload/v1/…, emulator.ts).
  ['POST', /^(spaces\/[^/]+)\/attachments:upload$/, 'chat.media.upload', 'parent'],
  ['GET', /^(spaces\/[^/:]+)$/, 'chat.spaces.get', 'name'],
  ['PATCH', /^(spaces\/[^/:]+)$/, 'chat.spaces.patch', 'name'],
  ['DELETE', /^(spaces\/[^/:]+)$/, 'chat.spaces.delete', 'name'],
  ['POST', /^(spaces\/[^/]+)\/members$/, 'chat.spaces.members.create', 'parent'],
  ['GET', /^(spaces\/[^/]+)\/members$/, 'chat.spaces.members.list', 'parent'],
  ['GET', /^(spaces\/[^/]+\/members\/[^/]+)$/, 'chat.spaces.members.get', 'name'],
  ['PATCH', /^(spaces\/[^/]+\/members\/[^/]+)$/, 'chat.spaces.members.patch', 'name'],
  ['DELETE', /^(spaces\/[^/]+\/members\/[^/]+)$/, 'chat.spaces.members.delete', 'name'],
  [
    'POST',
    /^(spaces\/[^/]+\/messages\/[^/]+)\/reactions$/,
    'chat.spaces.messages.reactions.create',
    'parent',
  ],
  ['GET', /^(spaces\/[^/]+\/messages\/[^/]+)\/reactions$/, 'chat.spaces.messages.reactions.list', 'parent'],
  [
    'DELETE',
    /^(spaces\/[^/]+\/messages\/[^/]+\/reactions\/[^/]+)$/,
    'chat.spaces.messages.reactions.delete',
    'name',
  ],
  ['POST', /^(spaces\/[^/]+)\/messages$/, 'chat.spaces.messages.create', 'parent'],
  ['GET', /^(spaces\/[^/]+)\/messages$/, 'chat.spaces.messages.list', 'parent'],
  ['GET', /^(spaces\/[^/]+\/messages\/[^/]+)$/, 'chat.spaces.messages.get', 'name'],
  ['PATCH', /^(spaces\/[^/]+\/messages\/[^/]+)$/, 'chat.spaces.messages.patch', 'name'],
  ['PUT', /^(spaces\/[^/]+\/messages\/[^/]+)$/, 'chat.spaces.messages.update', 'name'],
  ['DELETE', /^(spaces\/[^/]+\/messages\/[^/]+)$/, 'chat.spaces.messages.delete', 'name'],
];

export function routeRest(verb: string, path: string): Route | undefined {
  const rel = path.replace(/^\/v1\//, '');
  if (rel === path) return undefined;
  for (const [v, re, method, param] of ROUTES) {
    if (v !== verb) continue;
    const m = re.exec(rel);
    if (m) return { method, params: param ? { [param]: decodeURIComponent(m[1]) } : {} };
  }
  return undefined;
}
