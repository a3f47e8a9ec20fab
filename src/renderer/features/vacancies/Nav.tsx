import { useTranslation } from 'react-i18next';
import { navigate, useApp } from '../../app/store';

/** The header's link to the vacancies. */
export function VacanciesNav() {
  const { t } = useTranslation();
  const view = useApp((s) => s.view.name);
  const active = view === 'vacancies' || view === 'vacancy' || view === 'vacancyEdit';
  return (
    <button type="button" className="button button--small" aria-current={active ? 'page' : undefined} onClick={() => navigate({ name: 'vacancies' })}>
      {t('vacancies.nav')}
    </button>
  );
}
