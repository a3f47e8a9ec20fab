import { useTranslation } from 'react-i18next';

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

/** A chart's numbers as a table; each count is a button to the candidates it counts. */
export function CountTable({ id, rows, open }: { id: string; rows: CountRow[]; open?: ((row: CountRow) => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <table className="table dash-table">
      <thead>
        <tr>
          <th scope="col">{t('dashboard.table.value')}</th>
          <th scope="col" className="num">
            {t('dashboard.table.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">
              {open ? (
                <button
                  type="button"
                  className="dash-link"
                  data-testid={`${id}-${r.key}`}
                  aria-label={t('dashboard.showCandidates', { count: r.count, label: r.label })}
                  onClick={() => open(r)}
                >
                  {r.count}
                </button>
              ) : (
                r.count
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
