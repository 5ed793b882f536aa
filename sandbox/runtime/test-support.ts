// Helpers shared by the sandbox runtime's tests.
import type { ChatBackend, MethodCall, MethodResult } from '../chat/contract';
import { Sandbox, type SandboxOptions } from './index';

export function sandboxFor(bundle: string, options: Partial<SandboxOptions> = {}): Sandbox {
  return new Sandbox({ bundle, ...options });
}

/** A tiny Chat backend: answers from a table of canned results and records the calls it got. */
export class CannedChat implements ChatBackend {
  readonly calls: MethodCall[] = [];
  constructor(private readonly answer: (call: MethodCall) => MethodResult) {}
  call(call: MethodCall): MethodResult {
    this.calls.push(call);
    return this.answer(call);
  }
  http(): { status: number; headers: Record<string, string>; body: string } {
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"spaces/S/messages/M"}',
    };
  }
  handles(url: string): boolean {
    return url.startsWith('https://chat.googleapis.com/');
  }
  userToken(email: string): string {
    return `user-token-for-${email}`;
  }
}
