import { createRoomStore, initialRoomState } from './room-state';
import { withoutTile } from './tile-emojis';

describe('initialRoomState', () => {
  test('a session starts connecting, empty, with the local media flags', () => {
    expect(initialRoomState({ audio: false, video: true })).toEqual({
      status: 'connecting',
      refusal: null,
      socketId: null,
      audio: false,
      video: true,
      members: [],
      chat: [],
      emojis: {},
      timer: null,
      notice: null,
      sharing: false,
    });
  });
});

describe('createRoomStore', () => {
  test('an update makes a new snapshot with the patch applied and tells every listener', () => {
    const store = createRoomStore(initialRoomState({ audio: true, video: true }));
    const first = store.getState();
    const heard: string[] = [];
    store.subscribe(() => heard.push(store.getState().status));
    store.update({ status: 'joined' });
    store.update((s) => ({ audio: !s.audio }));
    expect(store.getState()).not.toBe(first);
    expect(first.status).toBe('connecting');
    expect(store.getState()).toMatchObject({ status: 'joined', audio: false, video: true });
    expect(heard).toEqual(['joined', 'joined']);
  });

  test('an unsubscribed listener hears nothing more', () => {
    const store = createRoomStore(initialRoomState({ audio: true, video: true }));
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.update({ notice: 'a' });
    unsubscribe();
    store.update({ notice: 'b' });
    expect(calls).toBe(1);
  });
});

describe('withoutTile', () => {
  test("removes that tile's emoji only", () => {
    expect(withoutTile({ a: 'happy', b: 'sad' }, 'a')).toEqual({ b: 'sad' });
    expect(withoutTile({}, 'a')).toEqual({});
  });
});
