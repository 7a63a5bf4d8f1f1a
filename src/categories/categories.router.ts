import { Router } from 'express';
import type { Models } from '../db/models';
import { sendOk } from '../http/respond';

export type CategoryView = { id: number; name: string; key: string };

export function createCategoriesRepo(models: Pick<Models, 'Category'>) {
  return {
    async all(): Promise<CategoryView[]> {
      const rows = await models.Category.findAll({ raw: true, order: [['id', 'ASC']] });
      return rows.map((c) => ({ id: c.id, name: c.name, key: c.slug }));
    },
  };
}
export type CategoriesRepo = ReturnType<typeof createCategoriesRepo>;

export function createCategoriesRouter({ categories }: { categories: CategoriesRepo }): Router {
  const router = Router();
  router.get('/categories', async (_req, res) => sendOk(res, 200, await categories.all()));
  return router;
}
