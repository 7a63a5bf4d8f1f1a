import { useCallback, useEffect, useState } from 'react';
import type { Badge, Records } from '../api';
import { errorText } from '../components/error-text';
import { Notice } from '../components/Notice';
import { usePageTitle } from '../components/use-page-title';
import { useSession } from '../session';
import { texts } from '../texts';
import { BadgeShelf } from './BadgeShelf';
import { ProfileEditor } from './ProfileEditor';
import { MonthCalendar, TodayPie, WeekBars } from './RecordCharts';
import { monthTotal, serviceToday, todayTotal, weekTotal } from './records-view';
import { navigate } from '../router';

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
      if (earned) setNotice(texts.my.newBadge(earned.label ?? earned.name));
    }, showError);
  }, [api, showError]);

  if (!user) return null;
  const { year, month, day: today } = serviceToday(records);
  const isNew = records !== null && monthTotal(records, year, month) === 0 && weekTotal(records) === 0;

  return (
    <main className="mypage" data-testid="mypage">
      <Notice message={notice} onClose={closeNotice} />
      <h1>{texts.my.heading}</h1>
      <ProfileEditor user={user} onSaved={setNotice} onError={setNotice} />
      {isNew && (
        <section className="card empty-start" data-testid="records-empty">
          <p>{texts.my.emptyStart}</p>
          <button type="button" className="primary" onClick={() => navigate('/main')}>{texts.my.emptyAction}</button>
        </section>
      )}
      <section className="card records" data-testid="records">
        <div>
          <h2>{texts.my.today}</h2>
          <p className="total" data-testid="today-total" data-minutes={records ? todayTotal(records) : ''}>
            {records ? texts.my.todayTotal(todayTotal(records)) : '…'}
          </p>
          {records && (todayTotal(records) > 0 ? <TodayPie records={records} /> : <p className="hint">{texts.my.noRecords}</p>)}
        </div>
        <div>
          <h2>{texts.my.week}</h2>
          <p className="total" data-testid="week-total">{records ? texts.my.weekTotal(weekTotal(records)) : '…'}</p>
          {records && <WeekBars records={records} />}
        </div>
        <div>
          <h2>{texts.my.month(month)}</h2>
          <p className="total" data-testid="month-total">{records ? texts.my.monthTotal(month, monthTotal(records, year, month)) : '…'}</p>
          {records && <MonthCalendar records={records} year={year} month={month} today={today} />}
        </div>
      </section>
      <section className="card">
        <h2>{texts.my.badges}</h2>
        <BadgeShelf
          catalogue={catalogue}
          owned={owned}
          records={records}
          masterBadgeId={user.MasterBadge?.id ?? null}
          onChooseMaster={(badgeId) => void api.setMasterBadge(user.id, badgeId).then(refreshUser, showError)}
        />
      </section>
    </main>
  );
}
