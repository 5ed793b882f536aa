// google.script.run for the sidebar served by the sandbox (browser code, injected before the page's own
// script): each call is one execution of the bundle's global function on the sandbox, over HTTP.
// Same surface as Apps Script's: withSuccessHandler / withFailureHandler / withUserObject, then the
// function; calls are asynchronous and answer through the handlers.

interface Handlers {
  success?: (value: unknown, user?: unknown) => void;
  failure?: (error: Error, user?: unknown) => void;
  user?: unknown;
}

interface RunAnswer {
  ok: boolean;
  returned?: unknown;
  error?: string;
}

function runner(h: Handlers): unknown {
  return new Proxy(
    {},
    {
      get(_target, prop) {
        if (prop === 'withSuccessHandler') return (f: Handlers['success']) => runner({ ...h, success: f });
        if (prop === 'withFailureHandler') return (f: Handlers['failure']) => runner({ ...h, failure: f });
        if (prop === 'withUserObject') return (user: unknown) => runner({ ...h, user });
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        return (...args: unknown[]) => {
          fetch(`/api/run/${encodeURIComponent(prop)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ args }),
          })
            .then((r) => r.json() as Promise<RunAnswer>)
            .then((answer) => {
              if (answer.ok) h.success?.(answer.returned, h.user);
              else fail(new Error(answer.error ?? 'The script failed.'));
            }, fail);
        };
        function fail(e: Error) {
          if (h.failure) h.failure(e, h.user);
          else console.error(e);
        }
      },
    },
  );
}

(globalThis as unknown as { google: unknown }).google = {
  script: {
    run: runner({}),
    host: { close: () => undefined, setHeight: () => undefined, setWidth: () => undefined },
  },
};
