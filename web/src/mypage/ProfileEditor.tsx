import { useState, type FormEvent } from 'react';
import { ApiError, type User } from '../api';
import { useSession } from '../session';
import { texts } from '../texts';

export function ProfileEditor({ user, onSaved, onError }: { user: User; onSaved: (message: string) => void; onError: (message: string) => void }) {
  const { api, refreshUser } = useSession();
  const [nickname, setNickname] = useState(user.nickname);
  const [statusMsg, setStatusMsg] = useState(user.statusMsg ?? '');
  const isGuest = user.type === 'anon';

  async function save(action: () => Promise<unknown>) {
    try {
      await action();
      await refreshUser();
      onSaved(texts.my.saved);
    } catch (err) {
      onError(err instanceof ApiError ? err.message : texts.errors.generic);
    }
  }
  const submit = (action: () => Promise<unknown>) => (e: FormEvent) => {
    e.preventDefault();
    void save(action);
  };

  return (
    <section className="card profile" data-testid="profile">
      <div className="avatar">
        {user.profileImg ? <img src={user.profileImg} alt="" data-testid="profile-img" /> : <div className="placeholder">{user.nickname.slice(0, 1)}</div>}
        {user.MasterBadge && <img className="master-badge" src={user.MasterBadge.imageUrl} alt={user.MasterBadge.name} />}
        <label className="upload">
          {texts.my.image}
          <input
            type="file"
            name="image"
            accept="image/png,image/jpeg,image/webp,image/gif"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void save(async () => api.setProfileImg(user.id, await api.uploadImage(file)));
            }}
          />
        </label>
      </div>
      <form onSubmit={submit(() => api.setNickname(user.id, nickname.trim()))}>
        <label>
          {texts.my.nickname}
          <input name="nickname" minLength={2} maxLength={8} disabled={isGuest} value={nickname} onChange={(e) => setNickname(e.target.value)} />
        </label>
        <button type="submit" disabled={isGuest}>{texts.my.save}</button>
        {isGuest && <p className="hint">{texts.my.guestNickname}</p>}
      </form>
      <form onSubmit={submit(() => api.setStatusMsg(user.id, statusMsg.trim()))}>
        <label>
          {texts.my.statusMsg}
          <input name="statusMsg" minLength={1} maxLength={20} value={statusMsg} onChange={(e) => setStatusMsg(e.target.value)} />
        </label>
        <button type="submit">{texts.my.save}</button>
      </form>
    </section>
  );
}
