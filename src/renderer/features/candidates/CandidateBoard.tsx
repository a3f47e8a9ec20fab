import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf, PHASES, SECTORS, type Candidate, type Phase } from '../../../shared';
import { currentLocale } from '../../i18n';
import { BOARD_PHASES, fullName } from './list';

/** Cards per column in the DOM; the count says how many there are in all. */
const CARDS_PER_COLUMN = 60;

/**
 * The board: a column per phase. Drag a card to another column to move the candidate; the phase
 * field on every card does the same by keyboard. Moves go through `onMove`, which records them
 * in the phase history.
 */
export function CandidateBoard({
  rows,
  editable,
  open,
  onMove,
}: {
  rows: readonly Candidate[];
  editable: boolean;
  open: (id: string) => void;
  onMove: (id: string, to: Phase) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [over, setOver] = useState<Phase | null>(null);
  const columns = useMemo(() => {
    const m = new Map<Phase, Candidate[]>(BOARD_PHASES.map((p) => [p, []]));
    for (const c of rows) m.get(c.phase)?.push(c);
    return m;
  }, [rows]);

  const onDrop = (e: DragEvent, phase: Phase) => {
    e.preventDefault();
    setOver(null);
    const id = e.dataTransfer.getData('application/x-regiodesk-candidate') || e.dataTransfer.getData('text/plain');
    if (id) onMove(id, phase);
  };

  return (
    <div className="board" aria-label={t('board.label')}>
      {BOARD_PHASES.map((phase) => {
        const cards = columns.get(phase) ?? [];
        const title = labelOf(PHASES, phase, locale);
        return (
          <section
            key={phase}
            className={`board-col${over === phase ? ' board-col--over' : ''}`}
            aria-labelledby={`board-${phase}`}
            data-phase={phase}
            onDragOver={(e) => {
              if (!editable) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (over !== phase) setOver(phase);
            }}
            onDragLeave={() => setOver((o) => (o === phase ? null : o))}
            onDrop={(e) => onDrop(e, phase)}
          >
            <h3 id={`board-${phase}`} className="board-title">
              <span className={`phase phase--${phase}`}>{title}</span> <span className="count">{cards.length}</span>
            </h3>
            {cards.length === 0 ? <p className="muted board-empty">{editable ? t('board.emptyDrop') : t('board.empty')}</p> : null}
            <ul className="board-cards">
              {cards.slice(0, CARDS_PER_COLUMN).map((c) => (
                <li
                  key={c.id}
                  className="card"
                  draggable={editable}
                  data-id={c.id}
                  onDragStart={(e) => {
                    e.dataTransfer.setData('application/x-regiodesk-candidate', c.id);
                    e.dataTransfer.setData('text/plain', c.id);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                >
                  <a
                    href={`#kandidaat/${c.id}`}
                    className="card-name"
                    onClick={(e) => {
                      e.preventDefault();
                      open(c.id);
                    }}
                  >
                    {fullName(c)}
                  </a>
                  <span className="card-meta">
                    {[c.place, c.sectors.map((s) => labelOf(SECTORS, s, locale)).join(', ')].filter(Boolean).join(' · ')}
                  </span>
                  {editable ? (
                    <select
                      className="card-phase"
                      aria-label={t('board.moveLabel', { name: fullName(c) })}
                      value={c.phase}
                      onChange={(e) => onMove(c.id, e.target.value as Phase)}
                    >
                      {PHASES.map((p) => (
                        <option key={p.code} value={p.code}>
                          {labelOf(PHASES, p.code, locale)}
                        </option>
                      ))}
                    </select>
                  ) : null}
                </li>
              ))}
            </ul>
            {cards.length > CARDS_PER_COLUMN ? (
              <p className="muted board-more">{t('board.more', { count: cards.length - CARDS_PER_COLUMN })}</p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
