/**
 * Room shapes on the wire (docs/contract.md: RoomDetail, RoomSummary). Plain types with no imports, so the
 * web client type-checks against the same definitions the server answers with.
 */
export type RoomSummary = {
  id: number;
  title: string;
  isSecret: boolean;
  likeCnt: number;
  participantCnt: number;
  /** The room's own seat limit (today 4 for every room); clients show `participantCnt/capacity` from it. */
  capacity: number;
  createdAt: string;
  category: { id: number; name: string };
  Tags: { id: number; name: string }[];
};
export type Participant = { id: number; nickname: string; profileImg: string | null; masterBadgeId: number | null };
export type RoomDetail = RoomSummary & { masterUserId: number; Participants: Participant[] };
