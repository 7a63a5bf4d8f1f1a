import type { Sequelize } from 'sequelize';
import { defineBadges } from '../badges/badges.model';
import { defineCategories } from '../categories/categories.model';
import { defineRooms } from '../rooms/rooms.model';
import { defineUploads } from '../uploads/uploads.model';
import { defineUsers } from '../users/users.model';

/** Defines every Sequelize model on one instance. Repos query with `raw: true`, so no instance leaves them. */
export function initModels(sequelize: Sequelize) {
  return {
    ...defineUsers(sequelize),
    ...defineCategories(sequelize),
    ...defineBadges(sequelize),
    ...defineRooms(sequelize),
    ...defineUploads(sequelize),
  };
}
export type Models = ReturnType<typeof initModels>;
