/** The signed-in user's own view (`GET /api/user/me` → `{data:{user}}`), shared with the web client. */
export type MeView = {
  id: number;
  origin: string;
  nickname: string;
  profileImg: string | null;
  statusMsg: string;
  type: string;
  MasterBadge: { id: number; name: string; imageUrl: string } | null;
};
