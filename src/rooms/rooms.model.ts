import { DataTypes, type Optional, type Sequelize } from 'sequelize';
import type { RowModel } from '../db/values';

export type RoomRow = {
  id: number;
  title: string;
  /** textKey(title): a live room's title is unique on it (src/shared/text.ts). */
  titleKey?: string | null;
  isSecret: boolean;
  pwdHash: string | null;
  masterUserId: number;
  likeCnt: number;
  participantCnt: number;
  capacity: number;
  categoryId: number;
  createdAt: Date;
  updatedAt: Date;
};
type RoomCreation = Optional<RoomRow, 'id' | 'likeCnt' | 'participantCnt' | 'capacity' | 'createdAt' | 'updatedAt'>;
export type TagRow = { id: number; name: string };
export type RoomTagRow = { roomId: number; tagId: number };
export type RoomMemberRow = { roomId: number; userId: number; joinedAt: Date };

export function defineRooms(sequelize: Sequelize) {
  const Room: RowModel<RoomRow, RoomCreation> = sequelize.define(
    'Room',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      title: { type: DataTypes.STRING(30), allowNull: false },
      titleKey: { type: DataTypes.STRING(80), allowNull: true },
      isSecret: { type: DataTypes.BOOLEAN, allowNull: false },
      pwdHash: { type: DataTypes.STRING(100), allowNull: true },
      masterUserId: { type: DataTypes.INTEGER, allowNull: false },
      likeCnt: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      participantCnt: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      capacity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 4 },
      categoryId: { type: DataTypes.INTEGER, allowNull: false },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'rooms' },
  );
  const Tag: RowModel<TagRow, Optional<TagRow, 'id'>> = sequelize.define(
    'Tag',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(8), allowNull: false },
    },
    { tableName: 'tags', timestamps: false },
  );
  const RoomTag: RowModel<RoomTagRow, RoomTagRow> = sequelize.define(
    'RoomTag',
    {
      roomId: { type: DataTypes.INTEGER, primaryKey: true },
      tagId: { type: DataTypes.INTEGER, primaryKey: true },
    },
    { tableName: 'room_tags', timestamps: false },
  );
  const RoomMember: RowModel<RoomMemberRow, RoomMemberRow> = sequelize.define(
    'RoomMember',
    {
      roomId: { type: DataTypes.INTEGER, primaryKey: true },
      userId: { type: DataTypes.INTEGER, primaryKey: true },
      joinedAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'room_members', timestamps: false },
  );
  return { Room, Tag, RoomTag, RoomMember };
}
