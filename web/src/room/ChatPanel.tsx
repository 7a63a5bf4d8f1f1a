import { useEffect, useRef, useState, type FormEvent } from 'react';
import { texts } from '../texts';
import { EMOJIS, type Emoji } from '../../../src/contract/events';
import type { ChatEntry } from './chat-log';

export function ChatPanel({ chat, onSend, onEmoji }: { chat: ChatEntry[]; onSend: (message: string) => void; onEmoji: (emoji: Emoji) => void }) {
  const [draft, setDraft] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    listRef.current?.scrollTo({ top: listRef.current.scrollHeight });
  }, [chat.length]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft.trim()) return;
    onSend(draft);
    setDraft('');
  }

  return (
    <section className="card chat" data-testid="chat">
      <h2>{texts.room.chat}</h2>
      <ol ref={listRef} className="messages">
        {chat.map((m) => (
          <li key={m.key} className={m.mine ? 'message mine' : 'message'} data-testid="chat-message">
            {!m.mine && <strong>{m.sender}</strong>}
            <span className="text">{m.message}</span>
            <time>{m.time}</time>
          </li>
        ))}
      </ol>
      <div className="emoji-bar">
        {EMOJIS.map((emoji) => (
          <button key={emoji} type="button" data-testid={`emoji-${emoji}`} onClick={() => onEmoji(emoji)}>
            {texts.emoji[emoji]}
          </button>
        ))}
      </div>
      <form onSubmit={submit} className="chat-form">
        <span className="to">{texts.room.chatTo}</span>
        <input name="message" maxLength={500} placeholder={texts.room.chatPlaceholder} value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit">{texts.room.send}</button>
      </form>
    </section>
  );
}
