import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SendHorizontal } from 'lucide-react';
import { texts } from '../texts';
import { EMOJIS, type Emoji } from '../../../src/contract/events';
import type { ChatEntry } from './chat-log';
import { chatPieces, startsGroup } from './chat-links';

function MessageText({ message }: { message: string }) {
  return (
    <span className="text">
      {chatPieces(message).map((p, i) =>
        p.kind === 'link' ? (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer">{p.text}</a>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}

/** The room's chat: its own scroll, the input always in view, one person's consecutive lines grouped under one name. */
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
    <section className="card chat" data-testid="chat" aria-labelledby="chat-heading">
      <h2 id="chat-heading">{texts.room.chat}</h2>
      <ol ref={listRef} className="messages" tabIndex={0} aria-label={texts.room.chatLog}>
        {chat.map((m, i) => {
          const first = startsGroup(chat[i - 1], m);
          return (
            <li key={m.key} className={`message${m.mine ? ' mine' : ''}${first ? ' first' : ' cont'}`} data-testid="chat-message">
              {first && (
                <span className="meta">
                  {!m.mine && <strong>{m.sender}</strong>}
                  <time>{m.time}</time>
                </span>
              )}
              <MessageText message={m.message} />
            </li>
          );
        })}
      </ol>
      <div className="emoji-bar">
        {EMOJIS.map((emoji) => (
          <button key={emoji} type="button" data-testid={`emoji-${emoji}`} aria-label={texts.room.emojiLabel(texts.emoji[emoji] ?? emoji)} onClick={() => onEmoji(emoji)}>
            {texts.emoji[emoji]}
          </button>
        ))}
      </div>
      <form onSubmit={submit} className="chat-form">
        <input name="message" maxLength={500} aria-label={texts.room.chatPlaceholder} placeholder={texts.room.chatPlaceholder} value={draft} onChange={(e) => setDraft(e.target.value)} autoComplete="off" />
        <button type="submit" aria-label={texts.room.send}>
          <SendHorizontal size={18} aria-hidden />
        </button>
      </form>
    </section>
  );
}
