import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from './problem';

/**
 * Problem details in Dutch, for a request that asks for them (`Accept-Language: nl`). The rule ids,
 * the status, the type and the field names stay as they are: only `title` and `detail` are the
 * users' words. A rule without a Dutch text of its own gets the Dutch text of its status.
 */

/** The Dutch title and the generic Dutch detail per HTTP status. */
export const DUTCH_STATUS_TEXTS: Record<number, { title: string; detail: string }> = {
  400: { title: 'Ongeldig verzoek', detail: 'Het verzoek is ongeldig; errors noemt per veld wat er mis is.' },
  401: { title: 'Niet aangemeld', detail: 'Stuur uw API-sleutel mee als "Authorization: Bearer <sleutel>"; zonder een bekende sleutel is er geen toegang.' },
  403: { title: 'Geen toestemming', detail: 'Uw rol mag dit niet doen.' },
  404: { title: 'Niet gevonden', detail: 'Hier is niets te vinden, of het is niet voor u zichtbaar.' },
  405: { title: 'Methode niet toegestaan', detail: 'Deze methode is op dit adres niet toegestaan.' },
  408: { title: 'Verzoek duurde te lang', detail: 'Het verzoek kwam niet op tijd binnen; stuur het opnieuw.' },
  409: { title: 'Conflict', detail: 'Het verzoek botst met de toestand van de casus.' },
  412: { title: 'Voorwaarde klopt niet meer', detail: 'De casus is gewijzigd sinds de revisie in If-Match; currentRevision noemt de huidige. Lees de casus opnieuw en besluit opnieuw.' },
  413: { title: 'Verzoek te groot', detail: 'De inhoud van het verzoek is groter dan 1 MB.' },
  414: { title: 'Adres te lang', detail: 'Een deel van het adres is te lang.' },
  415: { title: 'Niet-ondersteund formaat', detail: 'Stuur de inhoud van het verzoek als application/json.' },
  422: { title: 'Niet toegestaan volgens de Meldcode', detail: 'Een regel van het Meldcode-model staat dit niet toe; rule noemt de regel. Er is niets vastgelegd.' },
  429: { title: 'Te veel verzoeken', detail: 'Er komen te veel verzoeken binnen; probeer het over {retryAfter} seconden opnieuw.' },
  431: { title: 'Headers te groot', detail: 'De headers van het verzoek zijn te groot.' },
  500: { title: 'Interne fout', detail: 'Er ging intern iets mis. Er is niets vastgelegd tenzij het antwoord dat zei; de fout is gelogd.' },
  503: { title: 'Dienst niet beschikbaar', detail: 'De dienst is even niet beschikbaar; er is niets vastgelegd. Probeer het later opnieuw.' },
};

/** The Dutch detail per rule id: what the norm is and what to do instead. */
export const DUTCH_RULE_TEXTS: Record<string, string> = {
  'case.closed': 'Deze casus is gesloten en neemt geen nieuwe feiten aan. Is er nieuwe informatie over het kind, heropen de casus dan eerst (met een reden) en leg het daarna vast.',
  'case.not-found': 'Deze casus bestaat niet, of is niet voor u zichtbaar.',
  'case.already-exists': 'Er bestaat al een casus met dit nummer.',
  'case.not-closed': 'Deze casus is open; alleen een gesloten casus kan worden heropend. Leg de nieuwe feiten vast op de casus zoals hij is.',
  'occurred-at.invalid': 'occurredAt is geen datum en tijd. Stuur een ISO 8601-tijdstip zoals 2026-11-01T09:00:00Z, of laat het weg voor het huidige tijdstip.',
  'occurred-at.in-future': 'occurredAt ligt na de servertijd. Een feit wordt vastgelegd als het gebeurd is: stuur het moment waarop het gebeurde (in het verleden mag), of laat occurredAt weg.',
  'signal.observed-after-recording': 'Een signaal kan niet later zijn waargenomen dan het wordt vastgelegd.',
  'weighing.requires-signal': 'Een weging met het afwegingskader vraagt eerst ten minste één vastgelegd signaal.',
  'weighing.requires-child-conversation': 'Voor de weging moet eerst een gesprek met het kind zijn vastgelegd, of waarom het kind niet gehoord kon worden.',
  'weighing.unknown-afwegingskader': 'Dit afwegingskader (id en versie) staat niet in het register.',
  'weighing.inconsistent-answers': 'De antwoorden op de afwegingsvragen spreken elkaar tegen (bijvoorbeeld geen vermoeden maar wel onveiligheid).',
  'weighing.incomplete-answers': 'Niet alle vragen van het afwegingskader die bij deze antwoorden horen zijn beantwoord.',
  'weighing.afwegingskader-not-for-beroepsgroep': 'Dit afwegingskader hoort niet bij uw beroepsgroep; gebruik het kader van uw beroepsgroep, of het basismodel als die geen eigen kader heeft.',
  'child-not-heard.age-or-disability': 'Leeftijd of een beperking is op zichzelf nooit een reden om het kind niet te horen (VN-Kinderrechtencomité, General Comment 12, par. 21). Geldige redenen: het kind wilde niet, een veiligheidsrisico, niet haalbaar ondanks aanpassingen, of onbereikbaar.',
  'child-not-heard.invalid-reason': 'Dit is geen geldige reden om het kind niet te horen.',
  'child-not-heard.accommodations-required': 'Noem welke aanpassingen zijn geprobeerd voordat het gesprek niet haalbaar bleek.',
  'child-not-heard.revisit-in-past': 'De datum om het opnieuw te proberen moet in de toekomst liggen.',
  'hulp.requires-weighing': 'Hulp waartoe de melder besluit volgt op een weging met het afwegingskader.',
  'hulp.child-not-involved': 'Het plan moet het gesprek (of de vastgelegde poging) met het kind uit deze casus noemen waarmee het kind is betrokken.',
  'hulp.incomplete-plan': 'Het plan is niet compleet: ten minste één doel en één onderdeel, elk onderdeel met aanbieder, start, deadline (niet voor de start) en beoogde duur, en een evaluatie met methode, interval en eerste controledatum.',
  'hulp.decided-by-not-principal': 'Wie over de hulp besloot volgt uit uw rol, niet uit het verzoek.',
  'hulp.evaluation-interval-exceeds-norm': 'Het evaluatie-interval is langer dan de landelijke monitoringsnorm toestaat.',
  'monitor-check.requires-hulp': 'Een monitoringscontrole volgt op ingezette hulp.',
  'monitor-check.unknown-child-conversation': 'Het genoemde gesprek met het kind hoort niet bij deze casus.',
  'monitor-check.next-check-in-past': 'De volgende controle moet in de toekomst liggen.',
  'responsibility.already-held': 'Deze partij heeft deze verantwoordelijkheid al.',
  'closure.melding-required': 'Deze casus kan niet sluiten: een melding bij Veilig Thuis is verplicht en nog niet gedaan.',
  'closure.monitoring-open': 'Deze casus kan niet sluiten zolang de monitoring loopt: de landelijke monitoringsnorm vraagt controles gedurende een minimale duur na de laatste hulp, veiligheidsvoorwaarden of overdracht, en een laatste controle met uitkomst veilig. Leg de controles vast, of draag de monitoring over aan de partij die haar voortzet.',
  'integrity.record-broken': 'De vastgelegde gebeurtenissen van deze casus kloppen niet meer vanaf revisie {firstInvalidRevision}: de hashketen is verbroken. Er wordt geen toestand uit opgebouwd; GET /cases/:id/verify noemt de reden.',
  'idempotency.key-reused': 'Deze Idempotency-Key is al gebruikt voor een ander verzoek.',
  'case.erased': 'De persoonsgegevens van deze casus zijn gewist (de bewaartermijn is verstreken, of wissen is opgedragen); de casus neemt geen nieuwe feiten aan. Open een nieuwe casus als er nieuwe informatie over het kind is.',
  'projections.not-leading': 'Dit proces schrijft de leesmodellen niet (ZICHT_ROLE=api, of een projector in reserve); vraag het aan het proces dat de projecties leidt (docs/deployments.md).',
  'erasure.clear-text-events': 'Deze casus bevat persoonsgegevens die onversleuteld zijn opgeslagen (van vóór de versleuteling); het vernietigen van de sleutel zou ze niet wissen. Er is niets gewist. Zie npm run cli -- privacy-audit en de README.',
  'erasure.admin-only': 'Alleen een beheerder wist persoonsgegevens (POST /admin/cases/:id/erasure), of de bewaartermijn-controle.',
  'subject.different-child': 'Deze casus gaat al over een ander kind (een ander BSN). Open een eigen casus voor dit kind.',
  'vt.feedback-without-decision': 'Een terugkoppeling aan de melder volgt op een besluit van Veilig Thuis (na de veiligheidsbeoordeling of na het onderzoek).',
  'vt.unknown-child-conversation': 'Het genoemde gesprek met het kind (childConversationEventId) is geen child-heard of child-not-heard van deze casus.',
  'vt.requires-melding': 'Een stap van Veilig Thuis vraagt eerst een melding bij Veilig Thuis.',
  'vt.wrong-region': 'Alleen Veilig Thuis van de regio van de melding legt deze stap vast.',
  'vt.already-assessed': 'Bij deze melding is de veiligheidsbeoordeling al gedaan; een nieuwe melding (vervolgmelding) opent een nieuwe.',
  'vt.investigation-requires-decision': 'Een onderzoek volgt op een veiligheidsbeoordeling met het besluit onderzoek.',
  'vt.investigation-child-not-heard': 'Een onderzoek wordt pas afgerond nadat het kind tijdens het onderzoek alleen is gehoord door een getrainde medewerker van Veilig Thuis, of na een geldige reden waarom dat niet kon.',
  'vt.handover-requires-party': 'Bij overdracht hoort de partij waaraan wordt overgedragen (handoverTo).',
  'vt.monitoring-handover-requires-reason': 'Wie de monitoring overdraagt noemt aan wie en waarom.',
};

/** Whether the request prefers Dutch over English (by the q-values of Accept-Language; English when neither). */
export function prefersDutch(acceptLanguage: string | string[] | undefined): boolean {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return false;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => q > 0 && /^(nl|en)(-|$)/.test(tag))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.startsWith('nl') ?? false;
}

/**
 * The problem with Dutch title and detail; the rule, status, type, fields and revisions unchanged.
 * A {name} in a Dutch text is the problem's own field of that name (a revision, seconds to wait).
 */
export function dutchProblem(problem: Problem): Problem {
  const status = DUTCH_STATUS_TEXTS[problem.status] ?? DUTCH_STATUS_TEXTS[problem.status >= 500 ? 500 : 400];
  const text = (problem.rule !== undefined ? DUTCH_RULE_TEXTS[problem.rule] : undefined) ?? status.detail;
  const fields = problem as unknown as Record<string, unknown>;
  const detail = text.replace(/\{(\w+)\}/g, (whole, name: string) => (typeof fields[name] === 'number' || typeof fields[name] === 'string' ? String(fields[name]) : whole));
  return { ...problem, title: status.title, detail };
}

/** The filter's hook: Dutch when the request asks for it (and says so in Content-Language); the answer varies by it. */
export function problemInRequestedLanguage(problem: Problem, request: FastifyRequest | undefined, reply: FastifyReply): Problem {
  void reply.header('Vary', 'Accept-Language');
  if (!prefersDutch(request?.headers?.['accept-language'])) return problem;
  void reply.header('Content-Language', 'nl');
  return dutchProblem(problem);
}
