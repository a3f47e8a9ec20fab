import { useTranslation } from 'react-i18next';
import type { PlannedRow } from '../../../shared';

const SHOWN_ROWS = 200;

/** The rows of a dry run or report that need attention (duplicates, rejections), with their reason. */
export function RowTable({
  rows,
  reasonOf,
  all = false,
  choose,
}: {
  rows: PlannedRow[];
  reasonOf: (r: PlannedRow) => string;
  all?: boolean;
  /** In the dry run: a checkbox per duplicate to import it anyway. */
  choose?: { isChosen: (r: PlannedRow) => boolean; set: (line: number, v: boolean) => void };
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  const shown = all ? rows.slice(0, 5000) : rows.slice(0, SHOWN_ROWS);
  return (
    <>
      <table className="table import-rows">
        <thead>
          <tr>
            <th scope="col">{t('import.line')}</th>
            <th scope="col">{t('import.name')}</th>
            <th scope="col">{t('import.status')}</th>
            <th scope="col">{t('import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.line} data-status={r.status}>
              <td>{r.line}</td>
              <td>{r.name}</td>
              <td>
                {t(`import.statuses.${r.status}`)}
                {choose && r.status === 'duplicate' ? (
                  <label className="check">
                    {' '}
                    <input type="checkbox" checked={choose.isChosen(r)} onChange={(e) => choose.set(r.line, e.target.checked)} /> {t('import.importThisOne')}
                  </label>
                ) : null}
              </td>
              <td>{reasonOf(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length ? <p className="muted">{t('import.moreRows', { count: rows.length - shown.length })}</p> : null}
    </>
  );
}
