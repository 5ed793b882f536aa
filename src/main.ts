// The Apps Script entry points (PRODUCT.md), and nothing else: each names what it does in app.ts.
import { actions, buildMenu, env, menu } from './app';
import * as jobs from './jobs';

export function onOpen(): void {
  buildMenu();
}

export function setUpSheets(): void {
  menu(actions.setUpSheets);
}

export function checkRows(): void {
  menu(actions.run('checkRows'));
}

export function syncSpaces(): void {
  menu(actions.run('syncSpaces'));
}

export function syncMembers(): void {
  menu(actions.run('syncMembers'));
}

export function sendMessages(): void {
  menu(actions.run('sendMessages'));
}

export function runAll(): void {
  menu(actions.run('runAll'));
}

export function runSelectedRows(): void {
  menu(actions.runSelectedRows);
}

export function refreshMessages(): void {
  menu(actions.run('refreshMessages'));
}

export function enableSchedule(): void {
  menu(actions.schedule(true));
}

export function disableSchedule(): void {
  menu(actions.schedule(false));
}

export function onSchedule(): void {
  jobs.onSchedule(env('trigger'));
}

export function continueRun(e?: { triggerUid?: string }): void {
  jobs.continueRun(env('trigger'), e?.triggerUid);
}

export function setUpAppAuth(): void {
  menu(actions.setUpAppAuth);
}
