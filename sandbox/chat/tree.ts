// A readable picture of the emulator's state: spaces → members → threads → messages.
import { reactionSummaries } from './emoji';
import type { Store } from './store';

const clip = (s: string, n: number): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n) + '…' : one;
};

const time = (t: number): string => new Date(t).toISOString().slice(11, 19);

export function renderTree(store: Store): string {
  const st = store.state;
  const out: string[] = [];
  if (!st.spaces.length) return '(no spaces)';
  for (const s of st.spaces) {
    const flags = [
      s.spaceType,
      s.historyState === 'HISTORY_ON' ? 'history on' : 'history off',
      ...(s.spaceType === 'SPACE'
        ? [s.preset === 'ANNOUNCEMENT_SPACE' ? 'announcement' : 'collaboration']
        : []),
      ...(s.externalUserAllowed && s.spaceType === 'SPACE' ? ['external users allowed'] : []),
    ];
    out.push(`spaces/${s.id}${s.displayName ? ` "${s.displayName}"` : ''} (${flags.join(', ')})`);
    if (s.description) out.push(`  description: ${clip(s.description, 60)}`);
    const members = store.membersIn(s.id);
    out.push(`  members (${members.length}):`);
    for (const m of members) {
      const who =
        m.kind === 'app'
          ? `${st.appName} [app]`
          : m.kind === 'group'
            ? `groups/${m.id} ${st.groups.find((g) => g.id === m.id)?.email ?? ''}`.trim()
            : (st.users.find((u) => u.id === m.id)?.email ?? `users/${m.id}`);
      out.push(`    ${who} — ${m.role}${m.state === 'JOINED' ? '' : ` ${m.state}`}`);
    }
    const hooks = st.webhooks.filter((w) => w.space === s.id);
    if (hooks.length) out.push(`  webhooks: ${hooks.map((w) => w.displayName).join(', ')}`);
    const threads = store.threadsIn(s.id);
    const msgs = store.messagesIn(s.id).filter((m) => m.deleteTime === undefined);
    const deleted = store.messagesIn(s.id).length - msgs.length;
    out.push(
      `  threads (${threads.filter((t) => msgs.some((m) => m.thread === t.id)).length}):` +
        (deleted ? ` (${deleted} deleted message${deleted === 1 ? '' : 's'} not shown)` : ''),
    );
    for (const t of threads) {
      const inThread = msgs.filter((m) => m.thread === t.id);
      if (!inThread.length) continue;
      out.push(`    threads/${t.id}${t.key !== undefined ? ` key=${clip(t.key, 40)}` : ''}`);
      for (const m of inThread) {
        const parts = [
          m.text !== undefined ? JSON.stringify(clip(m.text, 60)) : '',
          m.cardsV2 ? `[card${m.cardsV2.length > 1 ? ` ×${m.cardsV2.length}` : ''}]` : '',
          m.accessoryWidgets ? '[widgets]' : '',
          ...(m.attachment ?? []).map((a) => `[📎 ${String((a as { contentName?: unknown }).contentName)}]`),
          m.clientId ? `(${m.clientId})` : '',
          m.lastUpdateTime ? '(edited)' : '',
          m.privateViewer !== undefined
            ? `(only visible to ${st.users.find((u) => u.id === m.privateViewer)?.email ?? `users/${m.privateViewer}`})`
            : '',
          reactionSummaries(store, m)
            .map((r) => {
              const e = r.emoji as { unicode?: string; customEmoji?: { emojiName?: string } };
              return `${e.unicode ?? e.customEmoji?.emojiName ?? '?'}${String(r.reactionCount)}`;
            })
            .join(' '),
        ].filter(Boolean);
        out.push(`      ${time(m.createTime)} ${store.describePrincipal(m.sender)}: ${parts.join(' ')}`);
      }
    }
  }
  return out.join('\n');
}
