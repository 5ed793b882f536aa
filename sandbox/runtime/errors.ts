/**
 * Errors the fakes raise on the host. The membrane (realm.ts) turns them into Errors of the script's own
 * realm at the boundary, so the bundle sees `e instanceof Error`, the Apps Script name and message.
 */
export class ScriptError extends Error {
  constructor(
    message: string,
    /** Apps Script's error name: `Exception` for most service failures. */
    readonly scriptName = 'Exception',
    /** Extra fields Apps Script sets on the error (e.g. `details` of GoogleJsonResponseException). */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Thrown into the script once an execution has been cut off; every later service call throws it again. */
export class CutOffError extends ScriptError {
  constructor(message = 'Exceeded maximum execution time', scriptName = 'Error') {
    super(message, scriptName);
  }
}

/** A call the sandbox does not emulate: loud, so a test never passes by accident on a silent stub. */
export function notModelled(what: string): ScriptError {
  return new ScriptError(`not modelled by the sandbox: ${what}`, 'Error');
}

/** Apps Script's message when a simple trigger reaches for a service that needs authorisation. */
export function noPermission(what: string, scope: string): ScriptError {
  return new ScriptError(
    `You do not have permission to call ${what}. Required permissions: ${scope}`,
    'Exception',
  );
}
