/**
 * A conversation report (gespreksverslag): a note of kind `gesprek` written along a template. It is
 * stored as the note's text, headed per part, so every region and every older app reads it as a
 * plain note; the next step can become a task.
 */
export const REPORT_PARTS = ['reason', 'discussed', 'agreements', 'nextStep'] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];
export type ConversationReport = Record<ReportPart, string>;

export const EMPTY_REPORT: ConversationReport = { reason: '', discussed: '', agreements: '', nextStep: '' };

export function isEmptyReport(r: ConversationReport): boolean {
  return REPORT_PARTS.every((p) => !r[p].trim());
}

/** The note text: each filled part under its heading (in the writer's language), blank lines between. */
export function composeReport(r: ConversationReport, heading: (part: ReportPart) => string): string {
  return REPORT_PARTS.filter((p) => r[p].trim())
    .map((p) => `${heading(p)}:\n${r[p].trim()}`)
    .join('\n\n');
}

/** A task title from the next step: its first line, within the task schema's 200 characters. */
export function followUpTitle(nextStep: string): string {
  const first = nextStep.trim().split('\n')[0]!.trim();
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}
