// What the sidebar shows about one Messages row: sent from the script to the page, so plain JSON only
// (google.script.run passes no Dates, functions or class instances).

/** The planner's verdict, as checkRows would write it; `settled` rows (DONE, ERROR, …) are not processed. */
export type CheckKind = 'ready' | 'invalid' | 'waiting' | 'scheduled' | 'settled';

export interface RowPreview {
  ok: true;
  row: number;
  key: string;
  /** The Status cell, upper-cased ('' = pending). */
  status: string;
  detail: string;
  action: string;
  /** Where it goes, in words (never a webhook URL). */
  to: string;
  sender: { name: string; kind: 'human' | 'app' | 'webhook' };
  threadKey: string;
  sendAt: string;
  /** Text and cards with placeholders filled. */
  message: { text?: string; cardsV2?: unknown[] };
  /** True when `message` is the planner's own, i.e. exactly what would be sent; false for a row the
   *  planner refused, whose message is built as far as it goes so it can still be looked at. */
  exact: boolean;
  check: { kind: CheckKind; text: string };
  /** Whether “Send this row” would send it, and if not, why. */
  send: { ok: boolean; why: string };
  /** The Drive file it attaches: its name and size in words (the cell as typed, size '', for a row the
   *  planner refused). */
  attachment: { name: string; size: string } | null;
  /** Visible to: who alone will see it ('' = everyone in the space). */
  privateTo: string;
  /** A sent row's reactions, from its Reactions cell (Refresh messages fills it). */
  reactions: { emoji: string; count: number }[];
}

export type PreviewResult = RowPreview | { ok: false; reason: string };

/** A sidebar button's answer: what the run said, then the row as it is now. */
export interface ActionResult {
  report: string[];
  preview: PreviewResult;
}

/** The server functions the sidebar calls through google.script.run (global functions of the bundle). */
export const SIDEBAR_FUNCTIONS = {
  preview: 'previewRow',
  check: 'checkMessageRow',
  send: 'sendMessageRow',
} as const;
