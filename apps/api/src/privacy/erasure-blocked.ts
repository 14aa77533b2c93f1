/**
 * A case whose stored events hold personal text in clear (written before encryption existed) cannot be
 * erased by destroying its key: the text would stay readable. Refused (409) instead of claiming an
 * erasure that did not happen; see the README ("Data written before encryption").
 */
export class ErasureBlockedError extends Error {
  readonly rule = 'erasure.clear-text-events';
  constructor(readonly caseId: string, readonly events: number) {
    super(
      `This case holds personal text in clear in ${events} stored events, written before encryption existed; destroying its key would not erase them. ` +
        'Nothing was erased. Run `npm run cli -- privacy-audit` and follow the README ("Data written before encryption").',
    );
    this.name = 'ErasureBlockedError';
  }
}
