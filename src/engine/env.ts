import type { ServiceAccountKey, TokenResult } from '../auth/app-auth';
import type { Auth, ChatFailure, ChatTransport } from '../chat/ops';
import type {
  CachePort,
  ClockPort,
  CalendarPort,
  CryptoPort,
  DrivePort,
  HttpPort,
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
  /** The script's cache: recent writes for pacing across executions. */
  cache: CachePort;
  clock: ClockPort;
  lock: LockPort;
  triggers: TriggerPort;
  crypto: CryptoPort;
  logger: LoggerPort;
  transport: ChatTransport;
  userEmail(): string;
  random(): number;
  http: HttpPort;
  /** Drive files to attach to messages. */
  drive: DrivePort;
  calendar: CalendarPort;
  /** Headers for calls with the given auth (none: the advanced service's own user auth), or why not. */
  headers(auth: Auth): Headers;
  /** Chat refused the credentials of that auth: the next call gets fresh ones. */
  invalidate(auth: Auth): void;
  /** URL fetches this execution made (Apps Script counts them against a daily quota). */
  urlFetches(): number;
  /** Whether the Chat app's key is set up (As APP rows need it). */
  appConfigured(): boolean;
  /** Proves the Chat app's key by fetching a token with it, then stores it. */
  installAppKey(key: ServiceAccountKey): TokenResult;
}

export type Headers = { ok: true; headers?: Record<string, string> } | { ok: false; failure: ChatFailure };
