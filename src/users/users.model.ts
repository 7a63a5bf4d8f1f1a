import { DataTypes, type Optional, type Sequelize } from 'sequelize';
import type { RowModel } from '../db/values';

export type UserType = 'local' | 'kakao' | 'anon';

export type UserRow = {
  id: number;
  origin: string;
  nickname: string;
  /** textKey(nickname): uniqueness is decided on it (src/shared/text.ts). */
  nicknameKey: string | null;
  pwdHash: string | null;
  profileImg: string | null;
  statusMsg: string;
  type: UserType;
  newBadge: number | null;
  masterBadgeId: number | null;
  isAdmin: boolean;
  /** Minutes a day must hold to count for a streak (10-720). */
  dailyGoalMinutes: number;
  /** false: the user left the leaderboard. */
  leaderboardVisible: boolean;
  createdAt: Date;
  updatedAt: Date;
};
type UserCreation = Optional<UserRow, 'id' | 'newBadge' | 'masterBadgeId' | 'createdAt' | 'updatedAt' | 'profileImg' | 'pwdHash' | 'nicknameKey' | 'isAdmin' | 'dailyGoalMinutes' | 'leaderboardVisible'>;
export type UserBadgeRow = { userId: number; badgeId: number; acquiredAt: Date };
export type RevokedTokenRow = { jti: string; expiresAt: Date };

/** Models are defined per Sequelize instance (never on a shared class) so several apps can live in one process. */
export function defineUsers(sequelize: Sequelize) {
  const User: RowModel<UserRow, UserCreation> = sequelize.define(
    'User',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      origin: { type: DataTypes.STRING(191), allowNull: false },
      nickname: { type: DataTypes.STRING(32), allowNull: false },
      nicknameKey: { type: DataTypes.STRING(80), allowNull: true },
      pwdHash: { type: DataTypes.STRING(100), allowNull: true },
      profileImg: { type: DataTypes.STRING(500), allowNull: true },
      statusMsg: { type: DataTypes.STRING(40), allowNull: false },
      type: { type: DataTypes.STRING(10), allowNull: false },
      newBadge: { type: DataTypes.INTEGER, allowNull: true },
      masterBadgeId: { type: DataTypes.INTEGER, allowNull: true },
      /** Set by the operator only (src/admin/grant-admin.ts); never read into a response. */
      isAdmin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      dailyGoalMinutes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 30 },
      leaderboardVisible: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'users' },
  );
  const UserBadge: RowModel<UserBadgeRow, UserBadgeRow> = sequelize.define(
    'UserBadge',
    {
      userId: { type: DataTypes.INTEGER, primaryKey: true },
      badgeId: { type: DataTypes.INTEGER, primaryKey: true },
      acquiredAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'user_badges', timestamps: false },
  );
  const RevokedToken: RowModel<RevokedTokenRow, RevokedTokenRow> = sequelize.define(
    'RevokedToken',
    {
      jti: { type: DataTypes.STRING(64), primaryKey: true },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'revoked_tokens', timestamps: false },
  );
  return { User, UserBadge, RevokedToken };
}
