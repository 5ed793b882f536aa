import type { MemberRef } from '../chat/refs';
import { parseSpaceRef } from '../chat/refs';
import type { Table } from '../sheet/table';
import { cellText } from './fields';

export interface SpaceKeys {
  rowsOf(key: string): number[];
  /** The space a key names: undefined if no Spaces row has that key, '' if it has no space yet. */
  spaceOf(key: string): string | undefined;
  /** The Type of the key's Spaces row (SPACE when blank). */
  typeOf(key: string): string;
  /** Keys whose Spaces row says Members mode EXACT, with their space once made (and As ADMIN: with
   *  administrator access). */
  exact(): { key: string; row: number; space: string; admin: boolean }[];
  /** The Status of the key's Spaces row ('' when pending or when the key is not on exactly one row). */
  statusOf(key: string): string;
}

/** Spaces keys → rows and spaces, from the Spaces tab as read (and updated) this run. */
export function spaceKeys(table: Table | string): SpaceKeys {
  const rows = new Map<string, number[]>();
  const byRow = new Map<number, Table['rows'][number]>();
  if (typeof table !== 'string') {
    for (const r of table.rows) {
      const key = cellText(r.get('Key'));
      if (!key) continue;
      rows.set(key, [...(rows.get(key) ?? []), r.row]);
      byRow.set(r.row, r);
    }
  }
  const spaceAt = (row: number) => {
    const v = cellText(byRow.get(row)?.get('Space'));
    return /^spaces\/[A-Za-z0-9_-]+$/.test(v) ? v : '';
  };
  return {
    rowsOf: (key) => rows.get(key) ?? [],
    spaceOf(key) {
      const at = rows.get(key);
      if (!at) return undefined;
      return at.length === 1 ? spaceAt(at[0]) : '';
    },
    typeOf(key) {
      const at = rows.get(key);
      const t =
        at?.length === 1
          ? cellText(byRow.get(at[0])?.get('Type'))
              .toUpperCase()
              .replace(/[\s-]+/g, '_')
          : '';
      return t || 'SPACE';
    },
    statusOf(key) {
      const at = rows.get(key);
      return at?.length === 1 ? cellText(byRow.get(at[0])?.get('Status')).toUpperCase() : '';
    },
    exact() {
      const out: { key: string; row: number; space: string; admin: boolean }[] = [];
      for (const [key, at] of rows) {
        if (at.length !== 1) continue;
        const r = byRow.get(at[0])!;
        if (cellText(r.get('Members mode')).toUpperCase() === 'EXACT')
          out.push({
            key,
            row: at[0],
            space: spaceAt(at[0]),
            admin: cellText(r.get('As')).toUpperCase() === 'ADMIN',
          });
      }
      return out;
    },
  };
}

/** `key`: the Spaces key the cell gave (when waiting: whose space is not made yet). */
export type ResolvedSpace =
  { ok: true; space: string; key?: string } | { ok: false; waiting: boolean; reason: string; key?: string };

/** A Members or Messages row's Space cell → the space, or why not (INVALID) / not yet (WAITING). */
export function resolveSpace(raw: string, keys: SpaceKeys): ResolvedSpace {
  const ref = parseSpaceRef(raw);
  if (ref.kind === 'bad') return { ok: false, waiting: false, reason: ref.reason };
  if (ref.kind === 'name') return { ok: true, space: ref.name };
  const space = keys.spaceOf(ref.key);
  if (space === undefined)
    return {
      ok: false,
      waiting: false,
      reason: `Space “${ref.key.slice(0, 60)}” is not a key on the Spaces tab, nor spaces/… or a Chat URL.`,
    };
  if (keys.rowsOf(ref.key).length > 1)
    return {
      ok: false,
      waiting: false,
      reason: `Space key “${ref.key.slice(0, 60)}” is on several Spaces rows: make keys unique.`,
    };
  if (!space) {
    const row = keys.rowsOf(ref.key)[0];
    const status = keys.statusOf(ref.key);
    // A Spaces row that failed will not make the space by itself: say which row needs the user.
    const why =
      status === 'INVALID' || status === 'ERROR'
        ? `: its Spaces row ${row} is ${status} — fix that row first.`
        : ` to be created (Spaces row ${row}).`;
    return {
      ok: false,
      waiting: true,
      reason: `Waiting for the space “${ref.key.slice(0, 60)}”${why}`,
      key: ref.key,
    };
  }
  return { ok: true, space, key: ref.key };
}

/** The membership body Chat expects for a member reference. */
export function memberBody(
  ref: Exclude<MemberRef, { kind: 'bad' }> | { kind: 'user'; name: string },
): ChatV1.Membership {
  if (ref.kind === 'group') return { groupMember: { name: ref.name } };
  if (ref.kind === 'app') return { member: { name: 'users/app', type: 'BOT' } };
  return { member: { name: ref.name, type: 'HUMAN' } };
}
