import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const COLOURS = ['#1f6feb', '#d1242f', '#8250df', '#1a7f37'];

export interface Series {
  label: string;
  values: number[];
}

/**
 * A chart with its table. The canvas is for the eye; the table under it carries the same numbers
 * for screen readers and keyboards, and its buttons are the click-through (as are the bars).
 */
export function ChartCard({
  id,
  title,
  labels,
  series,
  kind = 'bar',
  onPick,
  children,
}: {
  id: string;
  title: string;
  labels: string[];
  series: Series[];
  kind?: 'bar' | 'line';
  onPick?: ((index: number) => void) | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: kind,
      data: { labels: [], datasets: [] },
      options: {
        // Figures change live; animating every change would make them hard to read.
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: kind === 'bar' && series.length === 1 ? 'y' : 'x',
        plugins: { legend: { display: series.length > 1 } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
        onClick: (_e, elements) => {
          const el = elements[0];
          if (el && pick.current) pick.current(el.index);
        },
        onHover: (e, elements) => {
          const target = e.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = elements.length && pick.current ? 'pointer' : 'default';
        },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // The chart is made once per kind; data changes go through update() below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, series.length]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = labels;
    c.data.datasets = series.map((s, i) => ({
      label: s.label,
      data: s.values,
      backgroundColor: COLOURS[i % COLOURS.length],
      borderColor: COLOURS[i % COLOURS.length],
    }));
    c.update('none');
  }, [labels, series]);

  const empty = labels.length === 0;
  return (
    <section className="dash-card" aria-labelledby={`${id}-title`} data-testid={id}>
      <h4 id={`${id}-title`}>{title}</h4>
      {empty ? <p className="muted">{t('dashboard.emptyChart')}</p> : null}
      <div className="dash-canvas" hidden={empty}>
        <canvas ref={canvas} role="img" aria-label={t('dashboard.chartLabel', { title })} />
      </div>
      {empty ? null : children}
    </section>
  );
}
