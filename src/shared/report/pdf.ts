import { jsPDF } from 'jspdf';
import { PHASES, type Locale } from '../taxonomy';
import type { QuarterReport } from './compute';
import { phaseLabel, REPORT_WORDS } from './labels';
import { quarterLabel } from './quarter';
import { reportTable, showCount } from './table';

/**
 * The report as an A4 PDF in Dutch layout (title, region or alliance, quarter, date of making,
 * charts, then the table). Charts are drawn with jsPDF's vector primitives, not a canvas, so the
 * command line makes the same PDF as the app.
 */
const PAGE_W = 210;
const PAGE_H = 297;
const MARGIN = 18;
const COLORS: [number, number, number][] = [
  [31, 78, 121], // this quarter
  [110, 155, 197], // previous quarter
  [190, 208, 226], // a year earlier
];

/** jsPDF's standard fonts speak WinAnsi only: the arrow of a transition would come out garbled. */
const winAnsi = (s: string) => s.replace(/→/g, '>');

function madeOn(iso: string, lang: Locale): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}

interface Series {
  label: string;
  values: (number | null)[];
}

/** Grouped horizontal bars: one group per series, one bar per period; returns the y below it. */
function barChart(doc: jsPDF, title: string, series: Series[], legend: string[], y: number): number {
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(11);
  doc.text(title, MARGIN, y);
  y += 4;
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(8);
  legend.forEach((l, i) => {
    const x = MARGIN + i * 58;
    doc.setFillColor(...COLORS[i]!);
    doc.rect(x, y, 3, 3, 'F');
    doc.text(l, x + 4.5, y + 2.6);
  });
  y += 7;
  const labelW = 42;
  const barMax = PAGE_W - 2 * MARGIN - labelW - 14;
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const barH = 2.6;
  for (const s of series) {
    doc.setTextColor(40);
    doc.text(s.label, MARGIN, y + 4);
    s.values.forEach((v, i) => {
      const by = y + i * (barH + 0.6);
      const w = ((v ?? 0) / max) * barMax;
      doc.setFillColor(...COLORS[i]!);
      if (w > 0) doc.rect(MARGIN + labelW, by, w, barH, 'F');
      doc.setTextColor(70);
      doc.text(showCount(v), MARGIN + labelW + w + 1.5, by + barH - 0.3);
    });
    y += 3 * (barH + 0.6) + 2.5;
  }
  doc.setTextColor(0);
  return y + 4;
}

export function reportPdf(r: QuarterReport, lang: Locale = 'nl'): ArrayBuffer {
  const w = REPORT_WORDS[lang];
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait' });
  doc.setProperties({ title: `${w.title} ${r.name} ${quarterLabel(r.quarter, lang)}`, subject: w.title, creator: 'Regiodesk' });

  // Heading: what, for whom, which quarter, when made.
  doc.setFillColor(...COLORS[0]!);
  doc.rect(0, 0, PAGE_W, 8, 'F');
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(20);
  doc.text(w.title, MARGIN, 24);
  doc.setFontSize(14);
  doc.text(`${r.scope === 'alliance' ? w.alliance : w.region} ${r.name}`, MARGIN, 33);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(11);
  doc.text(`${quarterLabel(r.quarter, lang)} (${r.quarter})`, MARGIN, 40);
  doc.setFontSize(9);
  doc.text(`${w.made} ${madeOn(r.generatedAt, lang)}`, MARGIN, 46);
  if (r.scope === 'alliance') doc.text(`${w.regions}: ${r.regions.join(', ')}`, MARGIN, 51);
  let y = 60;
  if (r.suppressBelow !== null) {
    doc.setTextColor(90);
    doc.text(w.suppressed.replace('{n}', String(r.suppressBelow)), MARGIN, y - 4);
    doc.setTextColor(0);
    y += 2;
  }

  const periods = [r.current, r.previous, r.yearEarlier];
  const legend = [`${w.current} (${quarterLabel(r.current.quarter, lang)})`, `${w.previous} (${quarterLabel(r.previous.quarter, lang)})`, `${w.yearEarlier} (${quarterLabel(r.yearEarlier.quarter, lang)})`];
  const phases = [...new Set(periods.flatMap((p) => Object.keys(p.stock)))];
  y = barChart(
    doc,
    w.chartStock,
    orderedPhases(phases).map((k) => ({ label: phaseLabel(k, lang), values: periods.map((p) => p.stock[k] ?? 0) })),
    legend,
    y,
  );
  y = barChart(
    doc,
    w.chartFlow,
    [
      { label: w.inflow, values: periods.map((p) => p.inflow) },
      { label: w.outflowTotal, values: periods.map((p) => p.outflowTotal) },
    ],
    legend,
    y,
  );

  // The table, continued on new pages as needed.
  const t = reportTable(r, lang);
  const cols = [MARGIN, MARGIN + 96, MARGIN + 125, MARGIN + 150];
  const header = () => {
    doc.setFont('helvetica', 'bold');
    doc.setFontSize(8);
    doc.text(w.item, cols[0]!, y);
    t.columns.slice(2).forEach((c, i) => doc.text(doc.splitTextToSize(c, 24) as string[], cols[i + 1]! + 22, y, { align: 'right' }));
    y += 7;
    doc.setFont('helvetica', 'normal');
  };
  if (y > PAGE_H - 60) {
    doc.addPage();
    y = MARGIN + 4;
  }
  header();
  let section = '';
  for (const row of t.rows) {
    if (y > PAGE_H - MARGIN - 6) {
      doc.addPage();
      y = MARGIN + 4;
      header();
      section = '';
    }
    if (row.section !== section) {
      section = row.section;
      doc.setFont('helvetica', 'bold');
      doc.setFontSize(9);
      y += 1.5;
      doc.text(section, cols[0]!, y);
      doc.setFont('helvetica', 'normal');
      doc.setFontSize(8);
      y += 4.5;
    }
    doc.text(doc.splitTextToSize(winAnsi(row.item), 92)[0] as string, cols[0]! + 2, y);
    [row.current, row.previous, row.yearEarlier].forEach((v, i) => doc.text(showCount(v), cols[i + 1]! + 22, y, { align: 'right' }));
    doc.setDrawColor(225);
    doc.line(MARGIN, y + 1.2, PAGE_W - MARGIN, y + 1.2);
    y += 4.6;
  }

  const pages = doc.getNumberOfPages();
  for (let i = 1; i <= pages; i++) {
    doc.setPage(i);
    doc.setFontSize(7);
    doc.setTextColor(110);
    doc.text(`${w.title} ${r.name} · ${quarterLabel(r.quarter, lang)} · ${w.page} ${i}/${pages}`, MARGIN, PAGE_H - 8);
    doc.setTextColor(0);
  }
  return doc.output('arraybuffer');
}

function orderedPhases(keys: string[]): string[] {
  const order = PHASES.map((p) => p.code as string);
  return [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k)).sort()];
}
