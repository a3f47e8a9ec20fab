import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_KINDS } from '../../../shared';
import { canEdit, regionName } from '../../app/session';
import { useApp } from '../../app/store';
import type { FileSectionProps } from '../candidates/fileSections';
import { SelectField, TextField } from '../../ui/fields';
import { canUnlink, checkLink, fetchRegions, linkOrRefer, unlink, type LinkInput } from './actions';

const EMPTY: LinkInput = { region: '', kind: 'link', reason: '' };

/** The regions the candidate is linked to; link, refer (Doorverwijzen), transfer, unlink. */
export function LinksSection({ c, db, user, region }: FileSectionProps) {
  const { t } = useTranslation();
  const session = useApp((s) => s.session);
  const [all, setAll] = useState<{ code: string; name: string }[] | null>(null);
  const [input, setInput] = useState<LinkInput>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof LinkInput, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);

  useEffect(() => {
    if (session) void fetchRegions(session).then(setAll);
  }, [session]);
  const names = useMemo(() => new Map((all ?? []).map((r) => [r.code, r.name])), [all]);
  if (!session) return null;
  const name = (code: string) => names.get(code) ?? regionName(session, code);
  // The sending region: the owner region when the user works there, else the region in view.
  const from = canEdit(session, c.ownerRegion) ? c.ownerRegion : region && c.regions.includes(region) && canEdit(session, region) ? region : null;
  const targets = (all ?? []).filter((r) => !c.regions.includes(r.code));
  const kinds = REFERRAL_KINDS.filter((k) => k !== 'transfer' || from === c.ownerRegion);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkLink(input);
    if (found) {
      setErrors(found);
      document.getElementById(`link-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    try {
      await linkOrRefer(db, c, from!, input, user);
      setDone(t(`linking.done.${input.kind}`, { region: name(input.region) }));
      setInput(EMPTY);
      setErrors({});
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const doUnlink = async (r: string) => {
    try {
      await unlink(db, session, c, r);
      setConfirm(null);
      setDone(t('linking.unlinked', { region: name(r) }));
    } catch (err) {
      setError(t('linking.unlinkFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
  };

  return (
    <section className="file-section links" aria-labelledby="links-title">
      <h3 id="links-title">{t('linking.title')}</h3>
      <ul className="link-list">
        {c.regions.map((r) => (
          <li key={r} data-region={r}>
            <span>{name(r)}</span>
            {r === c.ownerRegion ? <span className="muted"> ({t('linking.owner')})</span> : null}
            {canUnlink(session, c, r) ? (
              confirm === r ? (
                <span role="group" aria-label={t('linking.confirmUnlink', { region: name(r) })}>
                  {' '}
                  {t('linking.confirmUnlink', { region: name(r) })}{' '}
                  <button type="button" className="button button--small" onClick={() => void doUnlink(r)}>
                    {t('linking.unlinkConfirm')}
                  </button>{' '}
                  <button type="button" className="button button--small" onClick={() => setConfirm(null)}>
                    {t('linking.cancel')}
                  </button>
                </span>
              ) : (
                <>
                  {' '}
                  <button type="button" className="button button--small" onClick={() => setConfirm(r)} aria-label={t('linking.unlinkFrom', { region: name(r) })}>
                    {t('linking.unlink')}
                  </button>
                </>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {done ? <p className="notice notice--success" role="status">{done}</p> : null}
      {error ? <p className="notice notice--error" role="alert">{error}</p> : null}
      {from ? (
        targets.length === 0 && all ? (
          <p className="muted">{t('linking.noTargets')}</p>
        ) : (
          <form className="link-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="link-form-title">
            <h4 id="link-form-title">{t('linking.formTitle')}</h4>
            <fieldset className="inline-choices">
              <legend>{t('linking.what')}</legend>
              {kinds.map((k) => (
                <label key={k} className="check">
                  <input type="radio" name="link-kind" value={k} checked={input.kind === k} onChange={() => setInput({ ...input, kind: k })} />
                  {t(`linking.kinds.${k}`)}
                </label>
              ))}
            </fieldset>
            <p className="field-hint">{t(`linking.hints.${input.kind}`)}</p>
            <SelectField
              id="link-region"
              name="region"
              label={t('linking.region')}
              value={input.region}
              onChange={(region) => setInput({ ...input, region })}
              emptyLabel={t('linking.chooseRegion')}
              options={targets.map((r) => ({ value: r.code, label: r.name }))}
              error={errors.region ? t(`validation.${errors.region}`) : undefined}
            />
            <TextField
              id="link-reason"
              name="reason"
              label={t('linking.reason')}
              multiline
              rows={2}
              value={input.reason}
              maxLength={2000}
              onChange={(reason) => setInput({ ...input, reason })}
              error={errors.reason ? t(`validation.${errors.reason}`) : undefined}
            />
            <button type="submit" className="button button--primary">
              {t(`linking.submit.${input.kind}`)}
            </button>
          </form>
        )
      ) : null}
    </section>
  );
}
