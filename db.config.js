// Connection settings for sequelize-cli (npm run db:migrate). The server itself uses src/config.ts;
// both read the same variables: DATABASE_URL selects MySQL/MariaDB, otherwise the embedded SQLite file.
require('dotenv').config();
const url = process.env.DATABASE_URL;
const settings = url
  ? { url, dialect: 'mysql' }
  : { dialect: 'sqlite', storage: process.env.SQLITE_PATH || 'data/with-me.sqlite' };
module.exports = { development: settings, test: settings, production: settings };
