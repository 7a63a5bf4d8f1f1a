import { DataTypes, type Sequelize } from 'sequelize';
import type { RowModel } from '../db/values';

export type CategoryRow = { id: number; name: string; slug: string };

export function defineCategories(sequelize: Sequelize) {
  const Category: RowModel<CategoryRow, CategoryRow> = sequelize.define(
    'Category',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      name: { type: DataTypes.STRING(10), allowNull: false },
      slug: { type: DataTypes.STRING(20), allowNull: false },
    },
    { tableName: 'categories', timestamps: false },
  );
  return { Category };
}
