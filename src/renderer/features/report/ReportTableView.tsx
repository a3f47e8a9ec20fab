import { Fragment } from 'react';
import { showCount, type ReportTable } from '../../../shared/report/table';

/** The report's table: a header row per section, the three periods side by side. */
export function ReportTableView({ table }: { table: ReportTable }) {
  const sections = [...new Set(table.rows.map((r) => r.section))];
  return (
    <table className="report-table">
      <thead>
        <tr>
          {table.columns.slice(1).map((c, i) => (
            <th key={c} scope="col" style={i > 0 ? { textAlign: 'right' } : undefined}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sections.map((s) => (
          <Fragment key={s}>
            <tr>
              <th scope="colgroup" colSpan={4} style={{ textAlign: 'left', paddingTop: '0.75rem' }}>
                {s}
              </th>
            </tr>
            {table.rows
              .filter((r) => r.section === s)
              .map((r) => (
                <tr key={`${s}|${r.item}`}>
                  <th scope="row" style={{ fontWeight: 'normal', textAlign: 'left' }}>
                    {r.item}
                  </th>
                  {[r.current, r.previous, r.yearEarlier].map((v, i) => (
                    <td key={i} style={{ textAlign: 'right' }}>
                      {showCount(v)}
                    </td>
                  ))}
                </tr>
              ))}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
