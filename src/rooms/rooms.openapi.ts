import { z } from 'zod';
import { okEnvelope, type ApiRoute } from '../http/openapi/api-route';
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

const id = z.number().int();

export const RoomSummarySchema = z
  .strictObject({
    id,
    title: z.string(),
    isSecret: z.boolean(),
    likeCnt: z.number().int(),
    participantCnt: z.number().int(),
    capacity: z.number().int(),
    createdAt: z.string().describe('ISO 8601 UTC'),
    category: z.strictObject({ id, name: z.string() }),
    Tags: z.array(z.strictObject({ id, name: z.string() })),
  })
  .meta({ id: 'RoomSummary' });

export const RoomDetailSchema = RoomSummarySchema.extend({
  masterUserId: id,
  Participants: z.array(z.strictObject({ id, nickname: z.string(), profileImg: z.string().nullable(), masterBadgeId: id.nullable() })),
}).meta({ id: 'RoomDetail' });

const Ticket = z.strictObject({ ticket: z.string().describe('valid 300 s, for this user and room') });

export const roomsApiRoutes: ApiRoute[] = [
  {
    method: 'post',
    path: '/room/new',
    tag: 'rooms',
    summary: 'Create a room; the creator is its first member and master (leaving any other room)',
    auth: true,
    body: CreateRoomBodySchema,
    ok: { status: 201, description: 'The new room', schema: okEnvelope(RoomDetailSchema) },
    errors: ['CONFLICT', 'RATE_LIMITED'],
  },
  {
    method: 'post',
    path: '/room/:roomId/user/:userId',
    tag: 'rooms',
    summary: 'Enter a room (a secret room needs `pwd` or a `ticket`); idempotent',
    auth: true,
    params: RoomUserParamsSchema,
    body: EnterRoomBodySchema,
    ok: { status: 201, description: 'The room after the entry', schema: okEnvelope(RoomDetailSchema) },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'ROOM_FULL', 'WRONG_ROOM_PASSWORD', 'RATE_LIMITED'],
  },
  {
    method: 'delete',
    path: '/room/:roomId/user/:userId',
    tag: 'rooms',
    summary: 'Leave a room',
    auth: true,
    params: RoomUserParamsSchema,
    ok: {
      status: 200,
      description: 'Left',
      schema: okEnvelope(z.strictObject({ roomId: id, roomDeleted: z.boolean(), masterUserId: id.nullable() })),
    },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/room/:roomId/pwd/:pwd',
    tag: 'rooms',
    summary: "Check a secret room's password (the original path form)",
    auth: true,
    params: RoomPwdParamsSchema,
    ok: { status: 200, description: 'A ticket for the entry', schema: okEnvelope(Ticket) },
    errors: ['NOT_FOUND', 'WRONG_ROOM_PASSWORD', 'RATE_LIMITED'],
  },
  {
    method: 'post',
    path: '/room/:roomId/pwd',
    tag: 'rooms',
    summary: "Check a secret room's password",
    auth: true,
    params: RoomIdParamsSchema,
    body: RoomPwdBodySchema,
    ok: { status: 200, description: 'A ticket for the entry', schema: okEnvelope(Ticket) },
    errors: ['NOT_FOUND', 'WRONG_ROOM_PASSWORD', 'RATE_LIMITED'],
  },
  {
    method: 'get',
    path: '/rooms',
    tag: 'rooms',
    summary: 'Live rooms, newest first: all, possible (not secret, not full) or a text search; page 1 holds 7, later pages 8',
    auth: false,
    query: ListRoomsQuerySchema,
    ok: { status: 200, description: 'One page of rooms', schema: okEnvelope(z.array(RoomSummarySchema)) },
  },
  {
    method: 'get',
    path: '/rooms/category/:categoryId',
    tag: 'rooms',
    summary: 'Live rooms of one category, newest first',
    auth: false,
    params: CategoryParamsSchema,
    query: PageQuerySchema,
    ok: { status: 200, description: 'One page of rooms', schema: okEnvelope(z.array(RoomSummarySchema)) },
  },
];
