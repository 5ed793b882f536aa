// Chat's errors as google.rpc.Status JSON, with Google's canonical status names and the standard messages
// its front end uses when a service gives no specific one.

export const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export const STANDARD_MESSAGES: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  401:
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid ' +
    'authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  409: 'Requested entity already exists',
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'Internal error encountered.',
  501: 'Operation is not implemented, or supported, or enabled.',
  503: 'The service is currently unavailable.',
  504: 'The request timed out.',
};

export const APP_NOT_FOUND_MESSAGE =
  'Google Chat app not found. To create a Chat app, you must turn on the Chat API and configure the app in ' +
  'the Google Cloud console.';

export const USER_AUTH_ONLY_MESSAGE =
  "This method doesn't support app authentication with a service account. Authenticate with a user account.";

export const HUMAN_CREDENTIALS_CARDS_MESSAGE =
  'Message cannot have cards for requests carrying human credentials.';

export interface RpcStatusBody {
  error: { code: number; message: string; status: string; details?: unknown[] };
}

/** A refusal a handler throws; `call()` turns it into the `MethodResult`. */
export class ChatError extends Error {
  constructor(
    readonly code: number,
    message?: string,
    readonly details?: unknown[],
  ) {
    super(message ?? STANDARD_MESSAGES[code] ?? `HTTP ${code}`);
    this.name = 'ChatError';
  }

  toBody(): RpcStatusBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        status: STATUS_NAMES[this.code] ?? (this.code >= 500 ? 'UNKNOWN' : 'FAILED_PRECONDITION'),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

/** Google's answer to a token without a scope the method needs (`rpcMethod`: `ListMessages`, …). */
export function insufficientScopes(rpcMethod: string): ChatError {
  return new ChatError(403, 'Request had insufficient authentication scopes.', [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      domain: 'googleapis.com',
      metadata: { service: 'chat.googleapis.com', method: `google.chat.v1.ChatService.${rpcMethod}` },
    },
  ]);
}

export const invalid = (message: string): ChatError => new ChatError(400, message);
export const notFound = (message?: string): ChatError => new ChatError(404, message);
export const denied = (message?: string): ChatError => new ChatError(403, message);
export const exists = (message?: string): ChatError => new ChatError(409, message);
