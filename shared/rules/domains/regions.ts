// ISO 3166-2 subdivision codes as enrichment gives geo.region: the country, a dash, one to three
// letters or digits, upper case. For the countries most often targeted by region the codes are
// listed, so a typo in "US-CA" is caught and a bare "TX" finds its country.

/** The format every region code has, its country checked separately. */
export const REGION_FORMAT = /^([A-Z]{2})-([A-Z0-9]{1,3})$/;

// prettier-ignore
export const SUBDIVISIONS: Readonly<Record<string, readonly string[]>> = {
  US: [
    'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD',
    'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC',
    'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'DC', 'AS', 'GU', 'MP', 'PR', 'UM', 'VI',
  ],
  CA: ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'],
  DE: ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'],
  AT: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
  CH: ['AG', 'AR', 'AI', 'BL', 'BS', 'BE', 'FR', 'GE', 'GL', 'GR', 'JU', 'LU', 'NE', 'NW', 'OW', 'SG', 'SH', 'SZ', 'SO', 'TG', 'TI', 'UR', 'VS', 'VD', 'ZG', 'ZH'],
  AU: ['ACT', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA'],
};

/** Names of the listed subdivisions (English, and the local one where it differs), for "California" -> "US-CA". */
// prettier-ignore
export const SUBDIVISION_NAMES: Readonly<Record<string, readonly string[]>> = {
  'US-AL': ['Alabama'], 'US-AK': ['Alaska'], 'US-AZ': ['Arizona'], 'US-AR': ['Arkansas'], 'US-CA': ['California'], 'US-CO': ['Colorado'],
  'US-CT': ['Connecticut'], 'US-DE': ['Delaware'], 'US-FL': ['Florida'], 'US-GA': ['Georgia'], 'US-HI': ['Hawaii'], 'US-ID': ['Idaho'],
  'US-IL': ['Illinois'], 'US-IN': ['Indiana'], 'US-IA': ['Iowa'], 'US-KS': ['Kansas'], 'US-KY': ['Kentucky'], 'US-LA': ['Louisiana'],
  'US-ME': ['Maine'], 'US-MD': ['Maryland'], 'US-MA': ['Massachusetts'], 'US-MI': ['Michigan'], 'US-MN': ['Minnesota'], 'US-MS': ['Mississippi'],
  'US-MO': ['Missouri'], 'US-MT': ['Montana'], 'US-NE': ['Nebraska'], 'US-NV': ['Nevada'], 'US-NH': ['New Hampshire'], 'US-NJ': ['New Jersey'],
  'US-NM': ['New Mexico'], 'US-NY': ['New York'], 'US-NC': ['North Carolina'], 'US-ND': ['North Dakota'], 'US-OH': ['Ohio'], 'US-OK': ['Oklahoma'],
  'US-OR': ['Oregon'], 'US-PA': ['Pennsylvania'], 'US-RI': ['Rhode Island'], 'US-SC': ['South Carolina'], 'US-SD': ['South Dakota'],
  'US-TN': ['Tennessee'], 'US-TX': ['Texas'], 'US-UT': ['Utah'], 'US-VT': ['Vermont'], 'US-VA': ['Virginia'], 'US-WA': ['Washington'],
  'US-WV': ['West Virginia'], 'US-WI': ['Wisconsin'], 'US-WY': ['Wyoming'], 'US-DC': ['District of Columbia', 'Washington DC'],
  'CA-AB': ['Alberta'], 'CA-BC': ['British Columbia'], 'CA-MB': ['Manitoba'], 'CA-NB': ['New Brunswick'], 'CA-NL': ['Newfoundland and Labrador'],
  'CA-NS': ['Nova Scotia'], 'CA-NT': ['Northwest Territories'], 'CA-NU': ['Nunavut'], 'CA-ON': ['Ontario'], 'CA-PE': ['Prince Edward Island'],
  'CA-QC': ['Quebec', 'Québec'], 'CA-SK': ['Saskatchewan'], 'CA-YT': ['Yukon'],
  'DE-BW': ['Baden-Württemberg'], 'DE-BY': ['Bavaria', 'Bayern'], 'DE-BE': ['Berlin'], 'DE-BB': ['Brandenburg'], 'DE-HB': ['Bremen'],
  'DE-HH': ['Hamburg'], 'DE-HE': ['Hesse', 'Hessen'], 'DE-MV': ['Mecklenburg-Western Pomerania', 'Mecklenburg-Vorpommern'],
  'DE-NI': ['Lower Saxony', 'Niedersachsen'], 'DE-NW': ['North Rhine-Westphalia', 'Nordrhein-Westfalen'], 'DE-RP': ['Rhineland-Palatinate', 'Rheinland-Pfalz'],
  'DE-SL': ['Saarland'], 'DE-SN': ['Saxony', 'Sachsen'], 'DE-ST': ['Saxony-Anhalt', 'Sachsen-Anhalt'], 'DE-SH': ['Schleswig-Holstein'], 'DE-TH': ['Thuringia', 'Thüringen'],
  'AT-1': ['Burgenland'], 'AT-2': ['Carinthia', 'Kärnten'], 'AT-3': ['Lower Austria', 'Niederösterreich'], 'AT-4': ['Upper Austria', 'Oberösterreich'],
  'AT-5': ['Salzburg'], 'AT-6': ['Styria', 'Steiermark'], 'AT-7': ['Tyrol', 'Tirol'], 'AT-8': ['Vorarlberg'], 'AT-9': ['Vienna', 'Wien'],
  'CH-ZH': ['Zurich', 'Zürich'], 'CH-BE': ['Bern'], 'CH-LU': ['Lucerne', 'Luzern'], 'CH-GE': ['Geneva', 'Genève'], 'CH-BS': ['Basel-Stadt'],
  'CH-VD': ['Vaud'], 'CH-TI': ['Ticino'], 'CH-SG': ['St. Gallen'], 'CH-AG': ['Aargau'], 'CH-VS': ['Valais', 'Wallis'],
  'AU-ACT': ['Australian Capital Territory'], 'AU-NSW': ['New South Wales'], 'AU-NT': ['Northern Territory'], 'AU-QLD': ['Queensland'],
  'AU-SA': ['South Australia'], 'AU-TAS': ['Tasmania'], 'AU-VIC': ['Victoria'], 'AU-WA': ['Western Australia'],
};
