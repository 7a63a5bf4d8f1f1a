import { DataTypes, type Sequelize } from 'sequelize';
import type { RowModel } from '../db/values';

export type BadgeRow = { id: number; name: string; label: string | null; description: string; imageUrl: string; leftBadges: number | null };

export function defineBadges(sequelize: Sequelize) {
  const Badge: RowModel<BadgeRow, BadgeRow> = sequelize.define(
    'Badge',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      name: { type: DataTypes.STRING(20), allowNull: false },
      label: { type: DataTypes.STRING(20), allowNull: true },
      description: { type: DataTypes.STRING(60), allowNull: false },
      imageUrl: { type: DataTypes.STRING(300), allowNull: false },
      leftBadges: { type: DataTypes.INTEGER, allowNull: true },
    },
    { tableName: 'badges', timestamps: false },
  );
  return { Badge };
}
