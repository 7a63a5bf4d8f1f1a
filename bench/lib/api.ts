/** The few REST calls the scenarios make, over fetch on loopback; any non-2xx answer fails the bench loudly. */
export type BenchUser = { id: number; token: string };

async function call<T>(url: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {
    ...init,
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { isSuccess?: boolean; data?: T; msg?: string; code?: string };
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} -> ${res.status} ${body.code ?? ''} ${body.msg ?? ''}`);
  return body.data as T;
}

/** The user id is the token's `sub`; reading it locally saves a request per user. */
function userIdOf(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string };
  return Number(payload.sub);
}

export function createApi(baseUrl: string) {
  const api = `${baseUrl}/api`;
  return {
    async guest(): Promise<BenchUser> {
      const { token } = await call<{ token: string }>(`${api}/auth/anon`);
      return { id: userIdOf(token), token };
    },
    async signUp(origin: string, nickname: string, pwd: string): Promise<BenchUser> {
      const { token } = await call<{ token: string }>(`${api}/auth/local`, { method: 'POST', json: { origin, nickname, pwd } });
      return { id: userIdOf(token), token };
    },
    async createRoom(owner: BenchUser, title: string, categoryId = 3, tags: string[] = []): Promise<number> {
      const room = await call<{ id: number }>(`${api}/room/new`, { method: 'POST', token: owner.token, json: { title, isSecret: false, categoryId, tags } });
      return room.id;
    },
    async enterRoom(user: BenchUser, roomId: number): Promise<void> {
      await call(`${api}/room/${roomId}/user/${user.id}`, { method: 'POST', token: user.token, json: {} });
    },
    get: <T>(path: string, token?: string) => call<T>(`${api}${path}`, { token }),
  };
}
export type Api = ReturnType<typeof createApi>;
