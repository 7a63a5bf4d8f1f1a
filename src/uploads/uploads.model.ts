import { DataTypes, type Sequelize } from 'sequelize';
import type { RowModel } from '../db/values';

/** One stored image file and the user who uploaded it. */
export type UploadRow = { name: string; userId: number; bytes: number; createdAt: Date };

export function defineUploads(sequelize: Sequelize) {
  const Upload: RowModel<UploadRow, UploadRow> = sequelize.define(
    'Upload',
    {
      name: { type: DataTypes.STRING(64), primaryKey: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      bytes: { type: DataTypes.INTEGER, allowNull: false },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'uploads', timestamps: false },
  );
  return { Upload };
}
