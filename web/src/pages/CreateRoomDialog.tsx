import { useState, type FormEvent } from 'react';
import type { Category, RoomDetail } from '../api';
import { BusyButton } from '../components/BusyButton';
import { describeError } from '../components/error-text';
import { Field, FormError } from '../components/Field';
import { Modal } from '../components/Modal';
import { useSession } from '../session';
import { texts } from '../texts';
import { checkRoomForm, type RoomFormErrors } from './room-form';
import { parseTags } from './room-tags';

export function CreateRoomDialog({ categories, onClose, onCreated }: { categories: Category[]; onClose: () => void; onCreated: (room: RoomDetail) => void }) {
  const { api } = useSession();
  const [title, setTitle] = useState('');
  const [categoryId, setCategoryId] = useState(3);
  const [tags, setTags] = useState('');
  const [isSecret, setIsSecret] = useState(false);
  const [pwd, setPwd] = useState('');
  const [errors, setErrors] = useState<RoomFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = checkRoomForm({ title, tags, isSecret, pwd });
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      onCreated(await api.createRoom({ title: title.trim(), categoryId, tags: parseTags(tags), isSecret, pwd: isSecret ? pwd : '' }));
    } catch (err) {
      const { field, text } = describeError(err);
      // A CONFLICT on create is the title (docs/contract.md: titles are unique among live rooms).
      const at = field ?? (err && (err as { code?: string }).code === 'CONFLICT' ? 'title' : null);
      if (at === 'title' || at === 'tags' || at === 'pwd') setErrors({ [at]: text });
      else setFormError(text);
      setBusy(false);
    }
  }

  return (
    <Modal title={texts.create.heading} description={texts.create.description} onClose={onClose} testId="create-dialog">
      <form className="modal-form" noValidate onSubmit={(e) => void submit(e)}>
        <Field label={texts.create.title} rule={texts.create.titleRule} error={errors.title}>
          {(p) => <input {...p} name="title" maxLength={30} autoComplete="off" value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={texts.create.category}>
          {(p) => (
            <select {...p} name="category" value={categoryId} onChange={(e) => setCategoryId(Number(e.target.value))}>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={texts.create.tags} rule={texts.create.tagsRule} error={errors.tags}>
          {(p) => <input {...p} name="tags" autoComplete="off" value={tags} onChange={(e) => setTags(e.target.value)} />}
        </Field>
        <label className="inline check">
          <input type="checkbox" name="secret" checked={isSecret} onChange={(e) => setIsSecret(e.target.checked)} />
          {texts.create.secret}
        </label>
        {isSecret && (
          <Field label={texts.create.password} rule={texts.create.passwordRule} error={errors.pwd}>
            {(p) => <input {...p} type="password" name="pwd" maxLength={10} autoComplete="new-password" value={pwd} onChange={(e) => setPwd(e.target.value)} />}
          </Field>
        )}
        <FormError message={formError} />
        <div className="actions">
          <button type="button" onClick={onClose}>{texts.create.cancel}</button>
          <BusyButton type="submit" className="primary" busy={busy}>{texts.create.submit}</BusyButton>
        </div>
      </form>
    </Modal>
  );
}
