import type { MeView } from '../contract/users';
import { AppError, badgeNotFound, nicknameTaken, userNotFound } from '../errors';
import type { Badge, BadgesRepo, OwnedBadge } from '../badges/badges.repo';
import type { Uploads } from '../uploads/uploads.router';
import type { User, UsersRepo } from './users.repo';

type UsersServiceDeps = {
  users: UsersRepo;
  badges: Pick<BadgesRepo, 'findById' | 'ownedBy' | 'owns'>;
  /** Decides whether a profile image URL may be stored (https, or one this server issued to the user), and frees a replaced one. */
  uploads: Pick<Uploads, 'isAcceptableImageUrl' | 'released'>;
};

export function createUsersService({ users, badges, uploads }: UsersServiceDeps) {
  async function mustFind(userId: number): Promise<User> {
    const user = await users.findById(userId);
    if (!user) throw userNotFound();
    return user;
  }

  async function masterBadgeOf(user: Pick<User, 'masterBadgeId'>): Promise<Badge | null> {
    return user.masterBadgeId ? badges.findById(user.masterBadgeId) : null;
  }

  async function me(userId: number): Promise<MeView> {
    const user = await mustFind(userId);
    const mb = await masterBadgeOf(user);
    return {
      id: user.id,
      origin: user.origin,
      nickname: user.nickname,
      profileImg: user.profileImg,
      statusMsg: user.statusMsg,
      type: user.type,
      MasterBadge: mb ? { id: mb.id, name: mb.name, imageUrl: mb.imageUrl } : null,
    };
  }

  /** A user's badges; the viewer's own newest unseen badge is handed out once and then cleared. */
  async function badgesOf(viewerId: number, userId: number): Promise<{ badges: OwnedBadge[]; newBadge?: number }> {
    const owner = await mustFind(userId);
    const owned = await badges.ownedBy(owner.id);
    if (viewerId !== owner.id || owner.newBadge == null) return { badges: owned };
    await users.clearNewBadge(owner.id, owner.newBadge);
    return { badges: owned, newBadge: owner.newBadge };
  }

  async function setNickname(userId: number, nickname: string) {
    const user = await mustFind(userId);
    if (user.type === 'anon') throw new AppError('FORBIDDEN', '게스트는 닉네임을 바꿀 수 없습니다.');
    if (nickname !== user.nickname && (await users.existsWith('nickname', nickname, userId))) {
      throw nicknameTaken();
    }
    await users.update(userId, { nickname });
    return { nickname };
  }

  async function setStatusMsg(userId: number, statusMsg: string) {
    await mustFind(userId);
    await users.update(userId, { statusMsg });
    return { statusMsg };
  }

  async function setProfileImg(userId: number, profileImg: string) {
    const user = await mustFind(userId);
    if (!(await uploads.isAcceptableImageUrl(profileImg, userId))) {
      throw new AppError('VALIDATION', 'profileImg: must be an https URL or an image uploaded to this server');
    }
    await users.update(userId, { profileImg });
    // The replaced picture's file is not needed any more (only its owner may use an uploaded file).
    if (user.profileImg && user.profileImg !== profileImg) await uploads.released(userId, user.profileImg);
    return { profileImg };
  }

  async function setMasterBadge(userId: number, badgeId: number | null) {
    await mustFind(userId);
    if (badgeId === null) {
      await users.update(userId, { masterBadgeId: null });
      return null;
    }
    const badge = await badges.findById(badgeId);
    if (!badge) throw badgeNotFound();
    if (!(await badges.owns(userId, badgeId))) throw new AppError('FORBIDDEN', '보유하지 않은 뱃지입니다.');
    await users.update(userId, { masterBadgeId: badgeId });
    return { id: badge.id, name: badge.name, imageUrl: badge.imageUrl };
  }

  return { me, badgesOf, setNickname, setStatusMsg, setProfileImg, setMasterBadge, masterBadgeOf, findById: users.findById };
}
export type UsersService = ReturnType<typeof createUsersService>;
