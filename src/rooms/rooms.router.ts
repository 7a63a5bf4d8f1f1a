import { Router, type RequestHandler } from 'express';
import { assertSelf, currentUser } from '../auth/require-user';
import { parseInput, sendOk } from '../http/respond';
import type { RoomFilter } from './rooms.repo';
import {
  CategoryParamsSchema,
  CreateRoomBodySchema,
  EnterRoomBodySchema,
  ListRoomsQuerySchema,
  PageQuerySchema,
  RoomIdParamsSchema,
  RoomPwdBodySchema,
  RoomPwdParamsSchema,
  RoomUserParamsSchema,
} from './rooms.schema';
import type { RoomsService } from './rooms.service';

type RoomsRouterDeps = {
  rooms: RoomsService;
  requireUser: RequestHandler;
  /** Limits password guesses per user and room (the check endpoints and entries that carry a password). */
  roomPasswordLimiter: RequestHandler;
  /** Limits room creations per user (each secret room costs a bcrypt hash). */
  roomCreateLimiter: RequestHandler;
};

export function createRoomsRouter({ rooms, requireUser, roomPasswordLimiter, roomCreateLimiter }: RoomsRouterDeps): Router {
  const router = Router();

  router.post('/room/new', requireUser, roomCreateLimiter, async (req, res) => {
    sendOk(res, 201, await rooms.create(currentUser(res).id, parseInput(CreateRoomBodySchema, req.body)));
  });

  router.post('/room/:roomId/user/:userId', requireUser, roomPasswordLimiter, async (req, res) => {
    const { roomId, userId } = parseInput(RoomUserParamsSchema, req.params);
    const user = assertSelf(res, userId);
    sendOk(res, 201, await rooms.enter(user.id, roomId, parseInput(EnterRoomBodySchema, req.body)));
  });

  router.delete('/room/:roomId/user/:userId', requireUser, async (req, res) => {
    const { roomId, userId } = parseInput(RoomUserParamsSchema, req.params);
    const user = assertSelf(res, userId);
    const left = await rooms.leave(user.id, roomId, 'rest');
    sendOk(res, 200, { roomId, roomDeleted: left.roomDeleted, masterUserId: left.masterUserId });
  });

  router.get('/room/:roomId/pwd/:pwd', requireUser, roomPasswordLimiter, async (req, res) => {
    const { roomId, pwd } = parseInput(RoomPwdParamsSchema, req.params);
    sendOk(res, 200, await rooms.checkPassword(currentUser(res).id, roomId, pwd));
  });

  router.post('/room/:roomId/pwd', requireUser, roomPasswordLimiter, async (req, res) => {
    const { roomId } = parseInput(RoomIdParamsSchema, req.params);
    sendOk(res, 200, await rooms.checkPassword(currentUser(res).id, roomId, parseInput(RoomPwdBodySchema, req.body).pwd));
  });

  router.get('/rooms', async (req, res) => {
    const { q, p } = parseInput(ListRoomsQuerySchema, req.query);
    const filter: RoomFilter = q === 'all' || q === '' ? { kind: 'all' } : q === 'possible' ? { kind: 'possible' } : { kind: 'text', text: q };
    sendOk(res, 200, await rooms.list(filter, p));
  });

  router.get('/rooms/category/:categoryId', async (req, res) => {
    const { categoryId } = parseInput(CategoryParamsSchema, req.params);
    const { p } = parseInput(PageQuerySchema, req.query);
    sendOk(res, 200, categoryId === 0 ? [] : await rooms.list({ kind: 'category', categoryId }, p));
  });

  return router;
}
