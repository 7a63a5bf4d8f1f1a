'use strict';
/**
 * Admin rights are a flag on the account, set by the operator (`npm run admin:grant -- <email>`), instead of
 * a list of emails in the environment: with ADMIN_EMAILS, whoever registered a listed address first became
 * an admin. Nobody is an admin after this migration until the operator grants it.
 */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'isAdmin', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'isAdmin');
  },
};
