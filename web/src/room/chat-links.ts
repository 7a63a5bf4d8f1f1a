import { find } from 'linkifyjs';

/** A chat line cut into plain text and http(s) links; nothing else ever becomes markup. */
export type ChatPiece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

export function chatPieces(message: string): ChatPiece[] {
  const pieces: ChatPiece[] = [];
  let at = 0;
  for (const link of find(message, 'url')) {
    if (!/^https?:\/\//i.test(link.href)) continue;
    if (link.start > at) pieces.push({ kind: 'text', text: message.slice(at, link.start) });
    pieces.push({ kind: 'link', text: link.value, href: link.href });
    at = link.end;
  }
  if (at < message.length) pieces.push({ kind: 'text', text: message.slice(at) });
  return pieces;
}

/** Whether a line starts a new group: another sender than the line before, or more than a minute's stamp apart. */
export function startsGroup(prev: { userId: number; time: string } | undefined, line: { userId: number; time: string }): boolean {
  return !prev || prev.userId !== line.userId || prev.time !== line.time;
}
