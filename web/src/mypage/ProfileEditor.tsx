import { Camera } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import type { User } from '../api';
import { BusyButton } from '../components/BusyButton';
import { describeError } from '../components/error-text';
import { Field } from '../components/Field';
import { useSession } from '../session';
import { texts } from '../texts';

type Busy = 'nickname' | 'statusMsg' | 'image' | null;

export function ProfileEditor({ user, onSaved, onError }: { user: User; onSaved: (message: string) => void; onError: (message: string) => void }) {
  const { api, refreshUser } = useSession();
  const [nickname, setNickname] = useState(user.nickname);
  const [statusMsg, setStatusMsg] = useState(user.statusMsg ?? '');
  const [errors, setErrors] = useState<Partial<Record<'nickname' | 'statusMsg', string>>>({});
  const [busy, setBusy] = useState<Busy>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const isGuest = user.type === 'anon';

  async function save(which: Exclude<Busy, null>, action: () => Promise<unknown>) {
    setBusy(which);
    setErrors({});
    try {
      await action();
      await refreshUser();
      onSaved(texts.my.saved);
    } catch (err) {
      const { text } = describeError(err);
      if (which === 'image') onError(text);
      else setErrors({ [which]: text });
    } finally {
      setBusy(null);
      if (fileRef.current) fileRef.current.value = '';
    }
  }
  const submit = (which: 'nickname' | 'statusMsg', check: () => string | null, action: () => Promise<unknown>) => (e: FormEvent) => {
    e.preventDefault();
    const problem = check();
    if (problem) return setErrors({ [which]: problem });
    void save(which, action);
  };

  return (
    <section className="card profile" data-testid="profile" aria-labelledby="profile-heading">
      <h2 id="profile-heading" className="sr-only">{texts.my.profile}</h2>
      <div className="avatar">
        {user.profileImg ? <img src={user.profileImg} alt="" data-testid="profile-img" /> : <div className="placeholder" aria-hidden="true">{user.nickname.slice(0, 1)}</div>}
        {user.MasterBadge && <img className="master-badge" src={user.MasterBadge.imageUrl} alt={user.MasterBadge.name} />}
        {/* A real button opens the hidden file input, so the keyboard reaches it. */}
        <BusyButton type="button" className="link upload" busy={busy === 'image'} onClick={() => fileRef.current?.click()}>
          <Camera aria-hidden="true" size={16} /> {texts.my.image}
        </BusyButton>
        <span className="field-rule">{texts.my.imageRule}</span>
        <input
          ref={fileRef}
          type="file"
          name="image"
          className="file-input"
          tabIndex={-1}
          aria-hidden="true"
          accept="image/png,image/jpeg,image/webp,image/gif"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void save('image', async () => api.setProfileImg(user.id, await api.uploadImage(file)));
          }}
        />
      </div>
      <div className="profile-forms">
        <form noValidate onSubmit={submit('nickname', () => (nickname.trim().length < 2 || nickname.trim().length > 8 ? texts.errors.required.nickname : null), () => api.setNickname(user.id, nickname.trim()))}>
          <Field label={texts.my.nickname} rule={isGuest ? texts.my.guestNickname : texts.auth.nicknameRule} error={errors.nickname}>
            {(p) => <input {...p} name="nickname" maxLength={8} disabled={isGuest} value={nickname} onChange={(e) => setNickname(e.target.value)} />}
          </Field>
          <BusyButton type="submit" busy={busy === 'nickname'} disabled={isGuest}>{texts.my.save}</BusyButton>
        </form>
        <form noValidate onSubmit={submit('statusMsg', () => (statusMsg.trim().length < 1 || statusMsg.trim().length > 20 ? texts.errors.required.statusMsg : null), () => api.setStatusMsg(user.id, statusMsg.trim()))}>
          <Field label={texts.my.statusMsg} rule={texts.my.statusMsgRule} error={errors.statusMsg}>
            {(p) => <input {...p} name="statusMsg" maxLength={20} value={statusMsg} onChange={(e) => setStatusMsg(e.target.value)} />}
          </Field>
          <BusyButton type="submit" busy={busy === 'statusMsg'}>{texts.my.save}</BusyButton>
        </form>
      </div>
    </section>
  );
}
