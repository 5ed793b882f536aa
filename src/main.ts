// The Apps Script entry points (PRODUCT.md), and nothing else: each names what it does in app.ts.
import { actions, buildMenu, env, menu } from './app';
import * as jobs from './jobs';
import * as preview from './preview/preview';
import type { ActionResult, PreviewResult } from './preview/model';
import { openSidebar } from './preview/sidebar';

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

export function followUp(): void {
  menu(actions.followUp);
}

export function importSpaces(): void {
  menu(actions.importSpaces);
}

export function importMembers(): void {
  menu(actions.importMembers);
}

export function importMessages(): void {
  menu(actions.importMessages);
}

export function findPersonSpaces(): void {
  menu(actions.findPersonSpaces);
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

export function previewMessage(): void {
  menu(openSidebar);
}

// The Preview message sidebar calls these through google.script.run: they answer the page.

export function previewRow(row?: number): PreviewResult {
  return preview.sidebarCall(() => preview.previewRow(env('menu'), row));
}

export function checkMessageRow(row: number): ActionResult {
  return preview.sidebarCall(() => preview.checkRow(env('menu'), row));
}

export function sendMessageRow(row: number): ActionResult {
  return preview.sidebarCall(() => preview.sendRow(env('menu'), row, actions.runSelectedMessages));
}
