// Advanced Chat service exceptions → failures: by `details.code` when Apps Script gives it, else by
// Google's standard wording, else final (Chat answered; retrying run after run would not help).
import { failureFromException } from '../../src/chat/advanced-service';
import { explain, isTransient } from '../../src/chat/errors';

const apiError = (text: string, details?: object) =>
  Object.assign(new Error(`API call to chat.spaces.messages.create failed with error: ${text}`), { details });

describe('failureFromException', () => {
  it('takes the code from details when there is one', () => {
    const f = failureFromException(apiError('whatever', { code: 409, message: 'Message already exists.' }));
    expect(f).toEqual({ code: 409, status: 'ALREADY_EXISTS', message: 'Message already exists.' });
    expect(isTransient(f)).toBe(false);
  });

  it.each([
    ['Requested entity was not found.', 404, false],
    ['Requested entity already exists', 409, false],
    ['The caller does not have permission', 403, false],
    ['Request contains an invalid argument.', 400, false],
    ['Request had invalid authentication credentials.', 401, false],
    ['Resource has been exhausted (e.g. check quota).', 429, true],
    ['The service is currently unavailable.', 503, true],
    ['Internal error encountered.', 500, true],
    ['Deadline expired before operation could complete.', 504, true],
  ])('without details, reads “%s” as %i', (text, code, transient) => {
    const f = failureFromException(apiError(text));
    expect([f.code, isTransient(f)]).toEqual([code, transient]);
    expect(f.message).toBe(text);
  });

  it('an answer it can’t classify is final, with Chat’s words in Detail', () => {
    const f = failureFromException(apiError('Something nobody documented happened'));
    expect(f.status).toBe('UNCLASSIFIED');
    expect(isTransient(f)).toBe(false);
    expect(explain(f, 'spaces.messages.create')).toContain('Something nobody documented happened');
  });

  it('rethrows what is not Chat’s answer (a bug, the execution’s own time-out)', () => {
    const bug = new TypeError('x is not a function');
    expect(() => failureFromException(bug)).toThrow(bug);
  });
});
