import { Check } from 'lucide-react';
import type { Badge, Records } from '../api';
import { texts } from '../texts';
import { badgeProgress, WEEKLY_BADGE_MINUTES } from './records-view';

type BadgeShelfProps = {
  catalogue: Badge[];
  owned: Badge[];
  masterBadgeId: number | null;
  records: Records | null;
  onChooseMaster(badgeId: number): void;
};

const categoryLabel = (key: string) => texts.categoryNames[key] ?? key;

/** This week's minutes toward each category badge (60 minutes in one week earns it). */
export function BadgeProgress({ records }: { records: Records }) {
  return (
    <div className="badge-progress">
      <h3>{texts.my.badgeProgress}</h3>
      <ul>
        {badgeProgress(records).map((p) => {
          const label = texts.my.badgeProgressRow(categoryLabel(p.category), p.minutes, WEEKLY_BADGE_MINUTES);
          return (
            <li key={p.badgeId} data-testid="badge-progress" data-badge-id={p.badgeId}>
              <span className="progress-label">
                {label}
                {p.done && <Check aria-hidden="true" size={16} />}
              </span>
              <progress value={Math.min(p.minutes, WEEKLY_BADGE_MINUTES)} max={WEEKLY_BADGE_MINUTES} aria-label={label} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Every badge of the catalogue by its Korean name and what earns it; the ones not yet earned are greyed out. */
export function BadgeShelf({ catalogue, owned, masterBadgeId, records, onChooseMaster }: BadgeShelfProps) {
  const ownedIds = new Set(owned.map((b) => b.id));
  return (
    <>
      {records && <BadgeProgress records={records} />}
      <ul className="badges" data-testid="badges">
        {catalogue.map((badge) => {
          const has = ownedIds.has(badge.id);
          const isMaster = badge.id === masterBadgeId;
          return (
            <li
              key={badge.id}
              className={[has ? 'badge owned' : 'badge locked', isMaster ? 'master' : ''].join(' ')}
              data-testid="badge"
              data-badge-id={badge.id}
              data-owned={String(has)}
            >
              <img src={badge.imageUrl} alt="" />
              <strong>{badge.label ?? badge.name}</strong>
              <span className="badge-state">{isMaster ? texts.my.isMaster : has ? texts.my.owned : texts.my.locked}</span>
              <span className="badge-desc">{badge.description ?? badge.desc}</span>
              {has && !isMaster && (
                <button type="button" className="link" onClick={() => onChooseMaster(badge.id)} aria-label={`${badge.label ?? badge.name} ${texts.my.masterBadge}`}>
                  {texts.my.masterBadge}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
