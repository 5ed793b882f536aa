// Secrets must never reach a cell, note, log line or error text. Everything the tool writes or logs
// passes through redact(); it removes the shapes secrets come in, whatever produced the text.

const PATTERNS: [RegExp, string][] = [
  [/([?&](?:key|token|access_token)=)[^&\s"'<>]+/gi, '$1…'],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1…'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[private key]'],
  [/("(?:private_key|access_token|refresh_token|client_secret)"\s*:\s*")[^"]*"/g, '$1…"'],
  [/\bya29\.[A-Za-z0-9._-]+/g, '…'],
];

const known = new Set<string>();

/** Also blank out these exact strings wherever they appear (secrets the run has handled). */
export function rememberSecret(secret: string): void {
  if (secret && secret.length >= 8) known.add(secret);
}

export function redact(text: string): string {
  let out = String(text);
  for (const s of known) out = out.split(s).join('…');
  for (const [re, by] of PATTERNS) out = out.replace(re, by);
  return out;
}
