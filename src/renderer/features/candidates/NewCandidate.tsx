import { useTranslation } from 'react-i18next';
import { navigate, setNotice, useApp } from '../../app/store';
import { canEdit } from '../../app/session';
import { DuplicateHint } from '../linking/DuplicateHint';
import { CandidateForm } from './CandidateForm';
import { checkNew, insertCandidate } from './actions';
import { revealInList } from '../views/viewState';
import { newTarget } from './draft';
import { emptyForm } from './form';

export function NewCandidate() {
  const { t } = useTranslation();
  const { db, session, region } = useApp();
  if (!session || !region || !db || !canEdit(session, region)) return null;
  return (
    <CandidateForm
      key={`new-${region}`}
      title={t('form.newTitle')}
      initial={emptyForm()}
      user={session.user}
      draftTarget={newTarget(region)}
      check={(v) => checkNew(v, session.user, region)}
      save={async (v) => {
        // Back to the list: at an event the next person is already waiting.
        const id = await insertCandidate(db, v, session.user, region);
        revealInList(id);
        navigate({ name: 'list' });
        setNotice(t('detail.createdNamed', { name: `${v.firstName.trim()} ${v.lastName.trim()}`, id }));
      }}
      onCancel={() => navigate({ name: 'list' })}
      aside={(v) => <DuplicateHint region={region} keys={{ email: v.email, phone: v.phone, firstName: v.firstName, lastName: v.lastName, dateOfBirth: v.dateOfBirth }} />}
    />
  );
}
