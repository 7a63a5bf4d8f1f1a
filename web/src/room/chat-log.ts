import type { ChatMessage } from '../../../src/contract/events';

/** One line of the chat as this browser shows it; `key` is local, because an own line exists before the server stamps it. */
export type ChatEntry = { key: string; sender: string; message: string; time: string; userId: number; mine: boolean };

/** The server's own limit (send_message: 1-500 characters); longer drafts are cut rather than refused. */
export const MAX_MESSAGE_LENGTH = 500;

/** What a draft sends: trimmed and cut to the limit; '' means there is nothing to send. */
export function outgoingText(draft: string): string {
  return draft.trim().slice(0, MAX_MESSAGE_LENGTH);
}

export function entryFrom(m: ChatMessage, key: string, myUserId: number): ChatEntry {
  return { key, sender: m.sender, message: m.message, time: m.time, userId: m.id, mine: m.id === myUserId };
}

/** "HH:MM" on this browser's clock: what an own line shows until the server's stamp arrives. */
export function clockTime(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export function withoutEntry(chat: ChatEntry[], key: string): ChatEntry[] {
  return chat.filter((m) => m.key !== key);
}

export function stampEntry(chat: ChatEntry[], key: string, time: string): ChatEntry[] {
  return chat.map((m) => (m.key === key ? { ...m, time } : m));
}
