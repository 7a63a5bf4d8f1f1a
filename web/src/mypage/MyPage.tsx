import { useCallback, useEffect, useState } from 'react';
import type { Badge, Records } from '../api';
import { errorText } from '../components/error-text';
import { Notice } from '../components/Notice';
import { usePageTitle } from '../components/use-page-title';
import { useSession } from '../session';
import { texts } from '../texts';
import { BadgeShelf } from './BadgeShelf';
import { ProfileEditor } from './ProfileEditor';
import { MonthHeatmap, TodayPie, WeekBars } from './RecordCharts';
import { todayTotal } from './records-view';

export function MyPage() {
  const { api, user, refreshUser } = useSession();
  const [records, setRecords] = useState<Records | null>(null);
  const [catalogue, setCatalogue] = useState<Badge[]>([]);
  const [owned, setOwned] = useState<Badge[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const closeNotice = useCallback(() => setNotice(null), []);
  usePageTitle(texts.titles.myPage);
  const showError = useCallback((err: unknown) => setNotice(errorText(err)), []);

  useEffect(() => {
    api.records().then(setRecords, showError);
    api.badgeCatalogue().then(setCatalogue, showError);
    api.myBadges().then(({ badges, newBadge }) => {
      setOwned(badges);
      const earned = badges.find((b) => b.id === newBadge);
      if (earned) setNotice(texts.my.newBadge(earned.name));
    }, showError);
  }, [api, showError]);

  if (!user) return null;
  const now = new Date();

  return (
    <main className="mypage" data-testid="mypage">
      <Notice message={notice} onClose={closeNotice} />
      <h1>{texts.my.heading}</h1>
      <ProfileEditor user={user} onSaved={setNotice} onError={setNotice} />
      <section className="card records" data-testid="records">
        <div>
          <h2>{texts.my.today}</h2>
          <p className="total" data-testid="today-total" data-minutes={records ? todayTotal(records) : ''}>
            {records ? texts.my.todayTotal(todayTotal(records)) : '…'}
          </p>
          {records && <TodayPie records={records} />}
        </div>
        <div>
          <h2>{texts.my.week}</h2>
          {records && <WeekBars records={records} />}
        </div>
        <div>
          <h2>{texts.my.month(now.getMonth() + 1)}</h2>
          {records && <MonthHeatmap records={records} year={now.getFullYear()} month={now.getMonth() + 1} />}
        </div>
      </section>
      <section className="card">
        <h2>{texts.my.badges}</h2>
        <BadgeShelf
          catalogue={catalogue}
          owned={owned}
          masterBadgeId={user.MasterBadge?.id ?? null}
          onChooseMaster={(badgeId) => void api.setMasterBadge(user.id, badgeId).then(refreshUser, showError)}
        />
      </section>
    </main>
  );
}
