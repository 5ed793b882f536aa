import type { ChatBackend } from '../../chat/contract';
import type { VirtualClock } from '../../clock';
import type { Execution } from '../execution';
import type { Membrane } from '../realm';
import type { Workbook } from '../workbook';
import type { CacheStores } from './cache';
import type { DriveFiles } from './drive';
import type { LockTable } from './lock';
import type { DailyUsage } from '../quotas';
import type { PropertyStores } from './properties';
import type { TriggerTable } from './script-app';
import type { ScriptedUi } from './ui';
import type { HttpRegistry } from './url-fetch';

/** Everything that outlives an execution: owned by the Sandbox, shared by the fakes of each run. */
export interface HostState {
  clock: VirtualClock;
  workbook: Workbook;
  ui: ScriptedUi;
  properties: PropertyStores;
  cache: CacheStores;
  locks: LockTable;
  triggers: TriggerTable;
  http: HttpRegistry;
  /** The Drive files DriveApp finds (placed by tests). */
  drive: DriveFiles;
  chat?: ChatBackend;
  user: string;
  /** The manifest's `oauthScopes`: what the user's token holds (undefined: not restricted). */
  scopes?: readonly string[];
  timeZone: string;
  random: () => number;
  /** Every log line of every execution, in order. */
  logs: string[];
  /** The user's daily quotas (URL fetch calls, property reads/writes, trigger runtime). */
  usage: DailyUsage;
  /** How late the next one-off trigger fires after its time (ms, seeded). */
  triggerDelay: () => number;
}

/** What one execution's fakes work with. */
export interface ServiceContext {
  host: HostState;
  exec: Execution;
  membrane: Membrane;
}
