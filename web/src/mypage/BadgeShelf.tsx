import type { Badge } from '../api';
import { texts } from '../texts';

type BadgeShelfProps = {
  catalogue: Badge[];
  owned: Badge[];
  masterBadgeId: number | null;
  onChooseMaster(badgeId: number): void;
};

/** Every badge of the catalogue; the ones not yet earned are greyed out and cannot be chosen. */
export function BadgeShelf({ catalogue, owned, masterBadgeId, onChooseMaster }: BadgeShelfProps) {
  const ownedIds = new Set(owned.map((b) => b.id));
  return (
    <ul className="badges" data-testid="badges">
      {catalogue.map((badge) => {
        const has = ownedIds.has(badge.id);
        return (
          <li
            key={badge.id}
            className={[has ? 'badge owned' : 'badge locked', badge.id === masterBadgeId ? 'master' : ''].join(' ')}
            data-testid="badge"
            data-badge-id={badge.id}
            data-owned={String(has)}
            title={badge.desc}
          >
            <img src={badge.imageUrl} alt={badge.name} />
            <span>{badge.name}</span>
            {has && badge.id !== masterBadgeId && (
              <button type="button" className="link" onClick={() => onChooseMaster(badge.id)}>
                {texts.my.masterBadge}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
