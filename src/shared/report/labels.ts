import { FUNCTIONS, labelOf, PHASES, SECTORS, type Locale } from '../taxonomy';

/**
 * Words of the report's table and PDF. They live here, not in the app's i18n files, because the
 * command line renders the same report without the app.
 */
export const REPORT_WORDS = {
  nl: {
    title: 'Kwartaalrapportage',
    region: 'Regio',
    alliance: 'Samenwerkingsverband',
    made: 'Gemaakt op',
    regions: 'Regio’s',
    section: 'Onderdeel',
    item: 'Omschrijving',
    current: 'Dit kwartaal',
    previous: 'Vorig kwartaal',
    yearEarlier: 'Jaar eerder',
    stock: 'Stand per fase (einde kwartaal)',
    stockTotal: 'Totaal in bestand',
    flow: 'Instroom en uitstroom',
    inflow: 'Instroom (nieuwe kandidaten)',
    outflowTotal: 'Uitstroom (totaal)',
    outflowTo: 'Uitstroom naar',
    transitions: 'Overgangen tussen fasen',
    sector: 'Per sector',
    function: 'Per functie',
    stockShort: 'stand',
    inflowShort: 'instroom',
    outflowShort: 'uitstroom',
    suppressed: 'Aantallen onder de {n} zijn weggelaten (–) zodat niemand herkenbaar is.',
    none: 'geen',
    chartStock: 'Stand per fase aan het einde van het kwartaal',
    chartFlow: 'Instroom en uitstroom',
    page: 'Pagina',
  },
  en: {
    title: 'Quarterly report',
    region: 'Region',
    alliance: 'Alliance',
    made: 'Made on',
    regions: 'Regions',
    section: 'Section',
    item: 'Item',
    current: 'This quarter',
    previous: 'Previous quarter',
    yearEarlier: 'Year earlier',
    stock: 'Stock per phase (quarter end)',
    stockTotal: 'Total in stock',
    flow: 'Inflow and outflow',
    inflow: 'Inflow (new candidates)',
    outflowTotal: 'Outflow (total)',
    outflowTo: 'Outflow to',
    transitions: 'Transitions between phases',
    sector: 'Per sector',
    function: 'Per function',
    stockShort: 'stock',
    inflowShort: 'inflow',
    outflowShort: 'outflow',
    suppressed: 'Counts under {n} are left out (–) so that nobody can be identified.',
    none: 'none',
    chartStock: 'Stock per phase at quarter end',
    chartFlow: 'Inflow and outflow',
    page: 'Page',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type ReportWord = keyof (typeof REPORT_WORDS)['nl'];

export const phaseLabel = (code: string, lang: Locale) => labelOf(PHASES, code, lang);
export const sectorLabel = (code: string, lang: Locale) => labelOf(SECTORS, code, lang);
export const functionLabel = (code: string, lang: Locale) => labelOf(FUNCTIONS, code, lang);
