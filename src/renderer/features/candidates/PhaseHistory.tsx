import { formatDistanceStrict } from 'date-fns';
import { enGB, nl } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';
import { labelOf, PHASES, phaseStays, timePerPhase, type Candidate } from '../../../shared';
import { currentLocale } from '../../i18n';
import { formatDateTime } from './format';

/** How long, in words: "3 dagen", "2 maanden". */
export function duration(ms: number, locale: 'nl' | 'en'): string {
  return formatDistanceStrict(0, ms, { locale: locale === 'nl' ? nl : enGB, roundingMethod: 'floor' });
}

/** The phase history: who moved the candidate, when, from where to where, and time per phase. */
export function PhaseHistory({ c }: { c: Candidate }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const history = c.phaseHistory ?? [];
  const label = (p: string) => labelOf(PHASES, p, locale);
  const now = Date.now();
  const stays = phaseStays(history, now);
  return (
    <section className="file-section" aria-labelledby="file-history">
      <h3 id="file-history">{t('file.history')}</h3>
      {history.length === 0 ? (
        <p className="muted">{t('file.noHistory')}</p>
      ) : (
        <>
          <h4 className="sr-only">{t('file.timePerPhase')}</h4>
          <ul className="phase-durations" aria-label={t('file.timePerPhase')}>
            {timePerPhase(history, now).map(([p, ms]) => (
              <li key={p}>
                <span className={`phase phase--${p}`}>{label(p)}</span> {duration(ms, locale)}
              </li>
            ))}
          </ul>
          <ol className="history">
            {[...stays].reverse().map((s, i) => {
              const step = [...history].sort((a, b) => (a.at < b.at ? -1 : 1))[stays.length - 1 - i]!;
              return (
                <li key={`${s.from}-${i}`}>
                  <time dateTime={step.at}>{formatDateTime(step.at, locale)}</time>
                  <span>{step.from ? t('file.moved', { from: label(step.from), to: label(step.to) }) : t('file.started', { to: label(step.to) })}</span>
                  <span className="muted">{t('file.by', { user: step.by })}</span>
                  <span className="muted">{s.until ? t('file.stayed', { time: duration(s.ms, locale) }) : t('file.since', { time: duration(s.ms, locale) })}</span>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
