// The imports, as steps of a job: each reads Chat and writes rows into one tab (see PRODUCT.md, Import).
import type { Step } from '../engine/step';
import { importMembersStep } from './members';
import { importMessagesStep } from './messages';
import { findPersonStep } from './person';
import { importSpacesStep } from './spaces';

export type ImportJob = 'importSpaces' | 'importMembers' | 'importMessages' | 'findPersonSpaces';

export const IMPORT_STEPS: Readonly<Record<ImportJob, Step>> = {
  importSpaces: importSpacesStep,
  importMembers: importMembersStep,
  importMessages: importMessagesStep,
  findPersonSpaces: findPersonStep,
};

export function isImport(job: string): job is ImportJob {
  return job in IMPORT_STEPS;
}
