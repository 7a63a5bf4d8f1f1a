import 'dotenv/config';
import type { Sequelize } from 'sequelize';
import { loadConfig } from '../config';
import { migrateAndSeed } from '../db/migrate';
import { createDb } from '../db/sequelize';

/**
 * Sets or clears the admin flag of the local account with this email; false when there is none. The
 * operator's tool (`npm run admin:grant -- <email>`, `-- --revoke <email>`), and the tests' way to make an admin.
 */
export async function setAdmin(sequelize: Sequelize, email: string, isAdmin: boolean): Promise<boolean> {
  const replacements = [email.trim().toLowerCase()];
  const [rows] = await sequelize.query("SELECT id FROM users WHERE origin = ? AND type = 'local'", { replacements });
  if ((rows as unknown[]).length === 0) return false;
  await sequelize.query(`UPDATE users SET isAdmin = ${isAdmin ? 1 : 0} WHERE origin = ? AND type = 'local'`, { replacements });
  return true;
}

async function main(args: string[]) {
  const revoke = args.includes('--revoke');
  const email = args.find((a) => !a.startsWith('--'));
  if (!email) {
    console.error('usage: npm run admin:grant -- [--revoke] <email>');
    process.exit(2);
  }
  const db = createDb(loadConfig().db);
  try {
    await db.withoutDeadline(() => migrateAndSeed(db.sequelize));
    const found = await db.withoutDeadline(() => setAdmin(db.sequelize, email, !revoke));
    if (!found) {
      console.error(`no local account with the email ${email}`);
      process.exitCode = 1;
      return;
    }
    console.log(`${email} is ${revoke ? 'no longer' : 'now'} an admin`);
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
