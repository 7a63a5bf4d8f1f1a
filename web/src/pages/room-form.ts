import { texts } from '../texts';
import { parseTags } from './room-tags';

export type RoomForm = { title: string; tags: string; isSecret: boolean; pwd: string };
export type RoomFormErrors = Partial<Record<'title' | 'tags' | 'pwd', string>>;

/** The create dialog's own checks, the same bounds the server holds (docs/contract.md, POST /api/room/new). */
export function checkRoomForm(form: RoomForm): RoomFormErrors {
  const errors: RoomFormErrors = {};
  const title = form.title.trim();
  if (title.length < 1 || title.length > 30) errors.title = texts.errors.required.title;
  const tags = parseTags(form.tags);
  if (tags.length > 5 || tags.some((t) => t.length > 8)) errors.tags = texts.errors.required.tags;
  if (form.isSecret && (form.pwd.length < 4 || form.pwd.length > 10)) errors.pwd = texts.errors.required.roomPwd;
  return errors;
}
