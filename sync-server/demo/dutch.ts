/** Word lists for believable Dutch demo candidates. Invented people; any likeness is chance. */
export const FIRST_NAMES = [
  'Anouk', 'Bülent', 'Zoë', 'Sjoerd', 'Sanne', 'Daan', 'Emma', 'Lieke', 'Joost', 'Thijs', 'Noor', 'Jeroen',
  'Inge', 'Esra', 'Priya', 'Chantal', 'Marloes', 'Gerrit', 'Hanneke', 'Stijn', 'Fleur', 'Rutger', 'Yasmina',
  'Ayşe', 'Renée', 'Chloë', 'Jochem', 'Wouter', 'Maaike', 'Ilse', 'Bart', 'Femke', 'Koen', 'Eline', 'Wim',
  'Ingrid', 'Niels', 'Ruben', 'Sophie', 'Mehmet', 'Youssef', 'Dewi', 'Siham', 'Hatice', 'Sem', 'Lotte',
  'Mirjam', 'Hendrik', 'Annelies', 'Tjeerd', 'Fenna', 'Kübra', 'Loïs', 'José', 'Rachid', 'Nadia', 'Pieter',
  'Marieke', 'Freek', 'Joëlle', 'Gijs', 'Esther', 'Mustafa', 'Iris', 'Tom', 'Floor', 'Bas', 'Manon',
];

export const LAST_NAMES = [
  'de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot',
  'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'de Graaf',
  'van der Meer', 'Kok', 'Jacobs', 'Yılmaz', 'Kaya', 'El Amrani', 'Bouzid', 'Öztürk', 'Çelik', 'van Dijk',
  'Koster', 'Scholten', 'Hoekstra', 'Postma', 'van Wijk', 'Şahin', 'Pinas', 'Kartosen', 'Nguyen', 'Boukhari',
];

export const REGIONAL_LAST_NAMES: Record<string, string[]> = {
  twente: ['Oude Luttikhuis', 'Nijhuis', 'Haverkate', 'ten Hove', 'Kroeze', 'Bruggink', 'Lammertink', 'Wolbers', 'Assink'],
  utrecht: ['van Rooijen', 'Verhoef', 'de Bruijn', 'van Schaik', 'Hoogendoorn', 'Verkerk'],
  rijnmond: ['Verbeek', 'van der Linden', 'Groenewegen', 'Noordermeer', 'Baars', 'Kleijn'],
};

/** Places per region with the range of their four-digit postcodes. */
export const PLACES: Record<string, readonly (readonly [string, number, number])[]> = {
  twente: [
    ['Enschede', 7511, 7547], ['Hengelo', 7550, 7559], ['Almelo', 7600, 7609], ['Oldenzaal', 7570, 7577],
    ['Borne', 7620, 7625], ['Haaksbergen', 7480, 7483], ['Rijssen', 7460, 7463], ['Losser', 7580, 7582],
    ['Tubbergen', 7650, 7651], ['Vriezenveen', 7670, 7672], ['Goor', 7470, 7472], ['Nijverdal', 7440, 7443],
  ],
  utrecht: [
    ['Utrecht', 3511, 3585], ['Amersfoort', 3811, 3829], ['Nieuwegein', 3430, 3439], ['Zeist', 3700, 3709],
    ['Houten', 3990, 3997], ['Veenendaal', 3900, 3909], ['IJsselstein', 3400, 3404], ['Woerden', 3440, 3449],
    ['Maarssen', 3600, 3608], ['De Bilt', 3730, 3739], ['Soest', 3760, 3769],
  ],
  rijnmond: [
    ['Rotterdam', 3011, 3089], ['Schiedam', 3111, 3125], ['Vlaardingen', 3131, 3138], ['Spijkenisse', 3201, 3209],
    ['Capelle aan den IJssel', 2901, 2909], ['Barendrecht', 2991, 2994], ['Ridderkerk', 2981, 2987],
    ['Maassluis', 3141, 3147], ['Hellevoetsluis', 3221, 3227], ['Krimpen aan den IJssel', 2921, 2925],
  ],
};

export const STREETS = [
  'Kerkstraat', 'Dorpsstraat', 'Stationsweg', 'Molenstraat', 'Schoolstraat', 'Julianastraat', 'Beatrixlaan',
  'Lindenlaan', 'Eikenlaan', 'Wilhelminastraat', 'Nieuwstraat', 'Marktplein', 'Parkweg', 'Spoorstraat', 'Havenstraat',
];

export const PROFESSIONS = [
  'Accountmanager', 'Verpleegkundige', 'Software-ontwikkelaar', 'Werkvoorbereider', 'Jurist', 'Laborant',
  'Financieel adviseur', 'Monteur', 'Kok', 'Beleidsmedewerker', 'Marketeer', 'Logistiek planner', 'Fysiotherapeut',
  'Ingenieur', 'Journalist', 'Militair', 'Pedagogisch medewerker kinderopvang', 'Bankmedewerker', 'Chemicus', 'Timmerman',
];

export const MOTIVATIONS = [
  'Wil graag iets betekenen voor jongeren en kennis overdragen.',
  'Heeft jaren in het bedrijfsleven gewerkt en zoekt meer zingeving.',
  'Geeft al bijles en merkt dat lesgeven energie geeft.',
  'Wil na de kinderen weer aan het werk, het liefst in het onderwijs.',
  'Ziet het lerarentekort in de eigen omgeving en wil helpen.',
  'Was vroeger leraar en wil terugkeren voor de klas.',
  'Vindt het vak mooi en wil leerlingen enthousiast maken.',
];

export const MAIL_DOMAINS = ['gmail.com', 'hotmail.com', 'outlook.com', 'ziggo.nl', 'kpnmail.nl', 'live.nl', 'xs4all.nl'];

/** `Zoë van den Berg` → `zoe.vandenberg` */
export function mailName(first: string, last: string): string {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ı/g, 'i')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  return `${fold(first)}.${fold(last)}`;
}
