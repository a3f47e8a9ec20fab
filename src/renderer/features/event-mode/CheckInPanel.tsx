import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate, Registration } from '../../../shared';

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * Check-in of people registered in advance: type a few letters of a name (or e-mail), the best
 * match is selected, Enter checks them in; arrows choose another match.
 */
export function CheckInPanel({
  regs,
  people,
  onCheckIn,
}: {
  regs: Registration[];
  people: Map<string, Candidate>;
  onCheckIn: (reg: Registration, name: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [sel, setSel] = useState(0);
  const [message, setMessage] = useState('');
  const waiting = useMemo(
    () =>
      regs
        .filter((r) => r.status === 'registered')
        .map((r) => {
          const c = people.get(r.candidateId);
          const name = c ? `${c.firstName} ${c.lastName}` : t('eventMode.unknownPerson');
          return { reg: r, name, key: fold(`${name} ${c?.email ?? ''}`) };
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
    [regs, people, t],
  );
  const matches = useMemo(() => {
    const terms = fold(q).split(/\s+/).filter(Boolean);
    return waiting.filter((w) => terms.every((x) => w.key.includes(x))).slice(0, 12);
  }, [waiting, q]);
  const current = matches[Math.min(sel, matches.length - 1)];
  // "Everyone has checked in" only when someone registered in advance; otherwise say that nobody did.
  const preRegistered = regs.some((r) => r.channel === 'pre' && r.status !== 'cancelled');

  const checkIn = async (m: { reg: Registration; name: string }) => {
    await onCheckIn(m.reg, m.name);
    setMessage(t('eventMode.checkedIn', { name: m.name }));
    setQ('');
    setSel(0);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = matches.length;
      if (n) setSel((s) => (Math.min(s, n - 1) + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (current && q.trim()) void checkIn(current);
    }
  };

  return (
    <section className="checkin" aria-labelledby="checkin-title">
      <h3 id="checkin-title">{t('eventMode.checkInTitle', { count: waiting.length })}</h3>
      <label htmlFor="checkin-filter">{t('eventMode.checkInFilter')}</label>
      <input
        id="checkin-filter"
        type="search"
        role="combobox"
        aria-expanded={matches.length > 0 && !!q.trim()}
        aria-controls="checkin-list"
        aria-activedescendant={current && q.trim() ? `checkin-${current.reg.id}` : undefined}
        aria-describedby="checkin-hint"
        autoComplete="off"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setSel(0);
        }}
        onKeyDown={onKey}
      />
      <p id="checkin-hint" className="event-keys">
        {t('eventMode.checkInHint')}
      </p>
      <p aria-live="assertive" className="notice-inline">
        {message}
      </p>
      {waiting.length === 0 ? (
        <p className="muted" data-testid="checkin-empty">
          {t(preRegistered ? 'eventMode.noneWaiting' : 'eventMode.nonePreRegistered')}
        </p>
      ) : (
        <ul id="checkin-list" role="listbox" className="checkin-list" aria-label={t('eventMode.checkInList')}>
          {(q.trim() ? matches : waiting.slice(0, 12)).map((m) => (
            <li
              key={m.reg.id}
              id={`checkin-${m.reg.id}`}
              role="option"
              aria-selected={!!q.trim() && m === current}
              onClick={() => void checkIn(m)}
            >
              {m.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
