import { jsPDF } from 'jspdf';
import type { Json } from '../store/types';
import type { AccessExport } from './access-export';

/** Labels of the document kinds and the usual fields, so the person can read her own file. */
const KIND: Record<string, string> = {
  candidate: 'Persoonsgegevens',
  note: 'Notitie',
  task: 'Taak',
  referral: 'Verwijzing',
  contact: 'Contact met organisatie',
  registration: 'Aanmelding voor activiteit',
  match: 'Match met vacature',
};

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(valueText).filter(Boolean).join(', ');
  return JSON.stringify(v);
}

/**
 * A readable PDF of an access export: one section per region, one block per document with its
 * fields as `field: value` lines. Plain Helvetica (WinAnsi covers Dutch accents).
 */
export function accessPdf(exp: AccessExport, name: string): Uint8Array {
  const doc = new jsPDF({ unit: 'mm', format: 'a4' });
  const left = 15;
  const width = 180;
  let y = 20;
  const line = (text: string, size = 10, bold = false) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal');
    doc.setFontSize(size);
    for (const part of doc.splitTextToSize(text, width) as string[]) {
      if (y > 280) {
        doc.addPage();
        y = 20;
      }
      doc.text(part, left, y);
      y += size * 0.5;
    }
  };
  line('Inzage in persoonsgegevens (AVG art. 15)', 16, true);
  y += 2;
  line(`Betreft: ${name}`);
  line(`Kenmerk: ${exp.candidateId}`);
  line(`Opgesteld op ${exp.exportedAt.slice(0, 10)} door ${exp.exportedBy}, via Regiodesk.`);
  for (const { region, documents } of exp.regions) {
    y += 4;
    line(`Regio ${region}`, 13, true);
    for (const d of documents as Json[]) {
      y += 2;
      line(KIND[String(d.type)] ?? String(d.type ?? 'Document'), 11, true);
      for (const [k, v] of Object.entries(d)) {
        if (k === 'type' || k === '_id' || k.startsWith('_')) continue;
        const text = valueText(v);
        if (text) line(`${k}: ${text}`);
      }
    }
  }
  return new Uint8Array(doc.output('arraybuffer'));
}
