import type { ChatTransport } from '../chat/advanced-service';
import type { Auth } from '../chat/ops';
import type {
  ClockPort,
  CryptoPort,
  LockPort,
  LoggerPort,
  RunMode,
  StorePort,
  TriggerPort,
  UiPort,
  WorkbookPort,
} from '../platform/ports';

/** Everything a run needs from the outside world. */
export interface Env {
  mode: RunMode;
  workbook: WorkbookPort;
  /** null in trigger runs: they never touch the UI. */
  ui: UiPort | null;
  store: StorePort;
  clock: ClockPort;
  lock: LockPort;
  triggers: TriggerPort;
  crypto: CryptoPort;
  logger: LoggerPort;
  transport: ChatTransport;
  userEmail(): string;
  random(): number;
  /** Headers for calls with the given auth; undefined means the advanced service's own (user) auth. */
  headers(auth: Auth): Record<string, string> | undefined;
}
