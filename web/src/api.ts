import type { RoomDetail, RoomSummary } from '../../src/contract/rooms';
import type { Records } from '../../src/contract/records';
import type { MeView } from '../../src/contract/users';
import { texts } from './texts';

/** The contract's shapes, as much of them as the client reads. */
export type Category = { id: number; name: string; key: string };
export type Badge = { id: number; name: string; label: string; desc: string; description: string; imageUrl: string; acquiredAt?: string };
export type User = MeView;
export type { RoomDetail, RoomSummary };
export { WEEKDAY_KEYS, type Records, type WeekdayKey } from '../../src/contract/records';
export type RoomQuery = { kind: 'all' } | { kind: 'possible' } | { kind: 'search'; text: string } | { kind: 'category'; categoryId: number };

/** A refused request: the contract's machine `code` lets the UI react (ROOM_FULL, WRONG_ROOM_PASSWORD...). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Envelope<T> = { isSuccess: boolean; msg?: string; code?: string; data?: T; newBadge?: number };

export function createApi(getToken: () => string | null, onUnauthenticated: () => void) {
  async function send<T>(method: string, path: string, body?: unknown): Promise<Envelope<T>> {
    const headers: Record<string, string> = {};
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetch(`/api${path}`, { method, headers, body: payload });
    } catch {
      throw new ApiError(0, 'NETWORK', texts.errors.network);
    }
    const json = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) {
      const env = (json ?? {}) as Envelope<T>;
      if (res.status === 401 && token) onUnauthenticated();
      throw new ApiError(res.status, env.code ?? 'UNKNOWN', env.msg ?? texts.errors.generic);
    }
    // The upload answers a bare URL string (the contract's one exception to the envelope).
    if (typeof json === 'string') return { isSuccess: true, data: json as T };
    return json as Envelope<T>;
  }
  const data = async <T>(method: string, path: string, body?: unknown) => (await send<T>(method, path, body)).data as T;

  return {
    signUp: (origin: string, nickname: string, pwd: string) => data<{ token: string }>('POST', '/auth/local', { origin, nickname, pwd }),
    logIn: (origin: string, pwd: string) => data<{ token: string }>('POST', '/auth', { origin, pwd }),
    guest: () => data<{ token: string }>('GET', '/auth/anon'),
    logOut: (type: string) => data<unknown>('DELETE', `/auth/${encodeURIComponent(type)}`),
    me: async () => (await data<{ user: User }>('GET', '/user/me')).user,
    categories: () => data<Category[]>('GET', '/categories'),
    rooms(query: RoomQuery, page: number) {
      if (query.kind === 'category') return data<RoomSummary[]>('GET', `/rooms/category/${query.categoryId}?p=${page}`);
      const q = query.kind === 'search' ? query.text : query.kind;
      return data<RoomSummary[]>('GET', `/rooms?q=${encodeURIComponent(q)}&p=${page}`);
    },
    createRoom: (room: { title: string; isSecret: boolean; pwd: string; categoryId: number; tags: string[] }) =>
      data<RoomDetail>('POST', '/room/new', room),
    roomTicket: (roomId: number, pwd: string) => data<{ ticket: string }>('POST', `/room/${roomId}/pwd`, { pwd }),
    enterRoom: (roomId: number, userId: number, proof: { ticket?: string } = {}) =>
      data<RoomDetail>('POST', `/room/${roomId}/user/${userId}`, proof),
    leaveRoom: (roomId: number, userId: number) => data<unknown>('DELETE', `/room/${roomId}/user/${userId}`),
    badgeCatalogue: () => data<Badge[]>('GET', '/badges'),
    async myBadges() {
      const env = await send<Badge[]>('GET', '/user/me/badges');
      return { badges: env.data ?? [], newBadge: env.newBadge };
    },
    records: () => data<Records>('GET', '/user/me/records'),
    setNickname: (userId: number, nickname: string) => data<unknown>('PATCH', `/user/${userId}/profile/nickname`, { nickname }),
    setStatusMsg: (userId: number, statusMsg: string) => data<unknown>('PATCH', `/user/${userId}/profile/statusMsg`, { statusMsg }),
    setMasterBadge: (userId: number, badgeId: number | null) => data<unknown>('PATCH', `/user/${userId}/profile/masterBadge`, { badgeId }),
    setProfileImg: (userId: number, profileImg: string) => data<unknown>('PATCH', `/user/${userId}/profile/img`, { profileImg }),
    uploadImage(file: File) {
      const form = new FormData();
      form.append('image', file);
      return data<string>('POST', '/upload/image', form);
    },
  };
}
export type Api = ReturnType<typeof createApi>;
