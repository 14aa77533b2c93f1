import { aProfessional, anAdmin, caseClosed, caseOpened, given, signalRecorded } from '@zicht/testing';

const erase = { type: 'erase-personal-data', data: { reason: 'retention-expired' } } as const;
const DESTROYED = '2046-11-03T08:00:00.000Z';

describe('erase-personal-data', () => {
  it('records the erasure of a closed case with when the key was destroyed, and nothing personal', () => {
    given(caseOpened(), signalRecorded(), caseClosed())
      .when(erase, { actor: anAdmin(), keyDestroyedAt: DESTROYED })
      .then([{ type: 'personal-data-erased', data: { reason: 'retention-expired', erasedAt: DESTROYED } }]);
  });

  it('erases an open case too, and the state says so', () => {
    given(caseOpened())
      .when({ ...erase, data: { reason: 'data-subject-request' } }, { actor: anAdmin(), keyDestroyedAt: DESTROYED })
      .thenState((state) => expect(state.status !== 'none' && state.erasure).toMatchObject({ reason: 'data-subject-request', erasedAt: DESTROYED }));
  });

  it('is idempotent: a case already erased appends nothing', () => {
    given(caseOpened(), caseClosed(), { type: 'personal-data-erased', data: { reason: 'retention-expired', erasedAt: DESTROYED } })
      .when(erase, { actor: anAdmin(), keyDestroyedAt: '2046-11-04T08:00:00.000Z' })
      .then([]);
  });

  it('an erased case takes no new facts (case.erased, 409), not even a reopen', () => {
    const erased = [caseOpened(), caseClosed(), { type: 'personal-data-erased', data: { reason: 'retention-expired', erasedAt: DESTROYED } }] as const;
    expect(given(...erased).when({ type: 'reopen-case', data: { reason: 'Nieuwe zorgen (verzonnen)' } }).thenThrows('case.erased').status).toBe(409);
  });

  it('only an admin erases (erasure.admin-only, 403)', () => {
    const error = given(caseOpened()).when(erase, { actor: aProfessional(), keyDestroyedAt: DESTROYED }).thenThrows('erasure.admin-only');
    expect(error.status).toBe(403);
  });

  it('takes a reason from the list, never a free text', () => {
    given(caseOpened())
      .when({ type: 'erase-personal-data', data: { reason: 'because the parents asked by phone' } } as never, { actor: anAdmin(), keyDestroyedAt: DESTROYED })
      .thenInvalid('reason');
  });
});
