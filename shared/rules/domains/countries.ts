// ISO 3166-1: all 249 officially assigned alpha-2 codes with their English short names (CLDR's,
// "&" spelt "and") and alpha-3 codes, plus the names and abbreviations people type instead.

// prettier-ignore
export const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  AD: 'Andorra', AE: 'United Arab Emirates', AF: 'Afghanistan', AG: 'Antigua and Barbuda', AI: 'Anguilla',
  AL: 'Albania', AM: 'Armenia', AO: 'Angola', AQ: 'Antarctica', AR: 'Argentina', AS: 'American Samoa', AT: 'Austria',
  AU: 'Australia', AW: 'Aruba', AX: 'Åland Islands', AZ: 'Azerbaijan', BA: 'Bosnia and Herzegovina', BB: 'Barbados',
  BD: 'Bangladesh', BE: 'Belgium', BF: 'Burkina Faso', BG: 'Bulgaria', BH: 'Bahrain', BI: 'Burundi', BJ: 'Benin',
  BL: 'Saint Barthélemy', BM: 'Bermuda', BN: 'Brunei', BO: 'Bolivia', BQ: 'Caribbean Netherlands', BR: 'Brazil',
  BS: 'Bahamas', BT: 'Bhutan', BV: 'Bouvet Island', BW: 'Botswana', BY: 'Belarus', BZ: 'Belize', CA: 'Canada',
  CC: 'Cocos (Keeling) Islands', CD: 'Democratic Republic of the Congo', CF: 'Central African Republic',
  CG: 'Republic of the Congo', CH: 'Switzerland', CI: 'Côte d’Ivoire', CK: 'Cook Islands', CL: 'Chile',
  CM: 'Cameroon', CN: 'China', CO: 'Colombia', CR: 'Costa Rica', CU: 'Cuba', CV: 'Cape Verde', CW: 'Curaçao',
  CX: 'Christmas Island', CY: 'Cyprus', CZ: 'Czechia', DE: 'Germany', DJ: 'Djibouti', DK: 'Denmark', DM: 'Dominica',
  DO: 'Dominican Republic', DZ: 'Algeria', EC: 'Ecuador', EE: 'Estonia', EG: 'Egypt', EH: 'Western Sahara',
  ER: 'Eritrea', ES: 'Spain', ET: 'Ethiopia', FI: 'Finland', FJ: 'Fiji', FK: 'Falkland Islands', FM: 'Micronesia',
  FO: 'Faroe Islands', FR: 'France', GA: 'Gabon', GB: 'United Kingdom', GD: 'Grenada', GE: 'Georgia',
  GF: 'French Guiana', GG: 'Guernsey', GH: 'Ghana', GI: 'Gibraltar', GL: 'Greenland', GM: 'Gambia', GN: 'Guinea',
  GP: 'Guadeloupe', GQ: 'Equatorial Guinea', GR: 'Greece', GS: 'South Georgia and South Sandwich Islands',
  GT: 'Guatemala', GU: 'Guam', GW: 'Guinea-Bissau', GY: 'Guyana', HK: 'Hong Kong', HM: 'Heard and McDonald Islands',
  HN: 'Honduras', HR: 'Croatia', HT: 'Haiti', HU: 'Hungary', ID: 'Indonesia', IE: 'Ireland', IL: 'Israel',
  IM: 'Isle of Man', IN: 'India', IO: 'British Indian Ocean Territory', IQ: 'Iraq', IR: 'Iran', IS: 'Iceland',
  IT: 'Italy', JE: 'Jersey', JM: 'Jamaica', JO: 'Jordan', JP: 'Japan', KE: 'Kenya', KG: 'Kyrgyzstan', KH: 'Cambodia',
  KI: 'Kiribati', KM: 'Comoros', KN: 'Saint Kitts and Nevis', KP: 'North Korea', KR: 'South Korea', KW: 'Kuwait',
  KY: 'Cayman Islands', KZ: 'Kazakhstan', LA: 'Laos', LB: 'Lebanon', LC: 'Saint Lucia', LI: 'Liechtenstein',
  LK: 'Sri Lanka', LR: 'Liberia', LS: 'Lesotho', LT: 'Lithuania', LU: 'Luxembourg', LV: 'Latvia', LY: 'Libya',
  MA: 'Morocco', MC: 'Monaco', MD: 'Moldova', ME: 'Montenegro', MF: 'Saint Martin', MG: 'Madagascar',
  MH: 'Marshall Islands', MK: 'North Macedonia', ML: 'Mali', MM: 'Myanmar', MN: 'Mongolia', MO: 'Macao',
  MP: 'Northern Mariana Islands', MQ: 'Martinique', MR: 'Mauritania', MS: 'Montserrat', MT: 'Malta', MU: 'Mauritius',
  MV: 'Maldives', MW: 'Malawi', MX: 'Mexico', MY: 'Malaysia', MZ: 'Mozambique', NA: 'Namibia', NC: 'New Caledonia',
  NE: 'Niger', NF: 'Norfolk Island', NG: 'Nigeria', NI: 'Nicaragua', NL: 'Netherlands', NO: 'Norway', NP: 'Nepal',
  NR: 'Nauru', NU: 'Niue', NZ: 'New Zealand', OM: 'Oman', PA: 'Panama', PE: 'Peru', PF: 'French Polynesia',
  PG: 'Papua New Guinea', PH: 'Philippines', PK: 'Pakistan', PL: 'Poland', PM: 'Saint Pierre and Miquelon',
  PN: 'Pitcairn Islands', PR: 'Puerto Rico', PS: 'Palestine', PT: 'Portugal', PW: 'Palau', PY: 'Paraguay',
  QA: 'Qatar', RE: 'Réunion', RO: 'Romania', RS: 'Serbia', RU: 'Russia', RW: 'Rwanda', SA: 'Saudi Arabia',
  SB: 'Solomon Islands', SC: 'Seychelles', SD: 'Sudan', SE: 'Sweden', SG: 'Singapore', SH: 'Saint Helena',
  SI: 'Slovenia', SJ: 'Svalbard and Jan Mayen', SK: 'Slovakia', SL: 'Sierra Leone', SM: 'San Marino', SN: 'Senegal',
  SO: 'Somalia', SR: 'Suriname', SS: 'South Sudan', ST: 'São Tomé and Príncipe', SV: 'El Salvador',
  SX: 'Sint Maarten', SY: 'Syria', SZ: 'Eswatini', TC: 'Turks and Caicos Islands', TD: 'Chad',
  TF: 'French Southern Territories', TG: 'Togo', TH: 'Thailand', TJ: 'Tajikistan', TK: 'Tokelau', TL: 'Timor-Leste',
  TM: 'Turkmenistan', TN: 'Tunisia', TO: 'Tonga', TR: 'Türkiye', TT: 'Trinidad and Tobago', TV: 'Tuvalu',
  TW: 'Taiwan', TZ: 'Tanzania', UA: 'Ukraine', UG: 'Uganda', UM: 'United States Outlying Islands',
  US: 'United States', UY: 'Uruguay', UZ: 'Uzbekistan', VA: 'Vatican City', VC: 'Saint Vincent and Grenadines',
  VE: 'Venezuela', VG: 'British Virgin Islands', VI: 'United States Virgin Islands', VN: 'Vietnam', VU: 'Vanuatu',
  WF: 'Wallis and Futuna', WS: 'Samoa', YE: 'Yemen', YT: 'Mayotte', ZA: 'South Africa', ZM: 'Zambia', ZW: 'Zimbabwe',
};

/**
 * Codes outside ISO 3166-1 that geo headers still carry and enrichment keeps: XK, Kosovo's
 * user-assigned code, which Cloudflare sends and the console's map uses.
 */
export const EXTRA_COUNTRY_CODES: Readonly<Record<string, string>> = { XK: 'Kosovo' };

/** ISO 3166-1 alpha-3, the other code people send for a country ("DEU"). */
// prettier-ignore
export const ALPHA3: Readonly<Record<string, string>> = {
  AND: 'AD', ARE: 'AE', AFG: 'AF', ATG: 'AG', AIA: 'AI', ALB: 'AL', ARM: 'AM', AGO: 'AO', ATA: 'AQ', ARG: 'AR',
  ASM: 'AS', AUT: 'AT', AUS: 'AU', ABW: 'AW', ALA: 'AX', AZE: 'AZ', BIH: 'BA', BRB: 'BB', BGD: 'BD', BEL: 'BE',
  BFA: 'BF', BGR: 'BG', BHR: 'BH', BDI: 'BI', BEN: 'BJ', BLM: 'BL', BMU: 'BM', BRN: 'BN', BOL: 'BO', BES: 'BQ',
  BRA: 'BR', BHS: 'BS', BTN: 'BT', BVT: 'BV', BWA: 'BW', BLR: 'BY', BLZ: 'BZ', CAN: 'CA', CCK: 'CC', COD: 'CD',
  CAF: 'CF', COG: 'CG', CHE: 'CH', CIV: 'CI', COK: 'CK', CHL: 'CL', CMR: 'CM', CHN: 'CN', COL: 'CO', CRI: 'CR',
  CUB: 'CU', CPV: 'CV', CUW: 'CW', CXR: 'CX', CYP: 'CY', CZE: 'CZ', DEU: 'DE', DJI: 'DJ', DNK: 'DK', DMA: 'DM',
  DOM: 'DO', DZA: 'DZ', ECU: 'EC', EST: 'EE', EGY: 'EG', ESH: 'EH', ERI: 'ER', ESP: 'ES', ETH: 'ET', FIN: 'FI',
  FJI: 'FJ', FLK: 'FK', FSM: 'FM', FRO: 'FO', FRA: 'FR', GAB: 'GA', GBR: 'GB', GRD: 'GD', GEO: 'GE', GUF: 'GF',
  GGY: 'GG', GHA: 'GH', GIB: 'GI', GRL: 'GL', GMB: 'GM', GIN: 'GN', GLP: 'GP', GNQ: 'GQ', GRC: 'GR', SGS: 'GS',
  GTM: 'GT', GUM: 'GU', GNB: 'GW', GUY: 'GY', HKG: 'HK', HMD: 'HM', HND: 'HN', HRV: 'HR', HTI: 'HT', HUN: 'HU',
  IDN: 'ID', IRL: 'IE', ISR: 'IL', IMN: 'IM', IND: 'IN', IOT: 'IO', IRQ: 'IQ', IRN: 'IR', ISL: 'IS', ITA: 'IT',
  JEY: 'JE', JAM: 'JM', JOR: 'JO', JPN: 'JP', KEN: 'KE', KGZ: 'KG', KHM: 'KH', KIR: 'KI', COM: 'KM', KNA: 'KN',
  PRK: 'KP', KOR: 'KR', KWT: 'KW', CYM: 'KY', KAZ: 'KZ', LAO: 'LA', LBN: 'LB', LCA: 'LC', LIE: 'LI', LKA: 'LK',
  LBR: 'LR', LSO: 'LS', LTU: 'LT', LUX: 'LU', LVA: 'LV', LBY: 'LY', MAR: 'MA', MCO: 'MC', MDA: 'MD', MNE: 'ME',
  MAF: 'MF', MDG: 'MG', MHL: 'MH', MKD: 'MK', MLI: 'ML', MMR: 'MM', MNG: 'MN', MAC: 'MO', MNP: 'MP', MTQ: 'MQ',
  MRT: 'MR', MSR: 'MS', MLT: 'MT', MUS: 'MU', MDV: 'MV', MWI: 'MW', MEX: 'MX', MYS: 'MY', MOZ: 'MZ', NAM: 'NA',
  NCL: 'NC', NER: 'NE', NFK: 'NF', NGA: 'NG', NIC: 'NI', NLD: 'NL', NOR: 'NO', NPL: 'NP', NRU: 'NR', NIU: 'NU',
  NZL: 'NZ', OMN: 'OM', PAN: 'PA', PER: 'PE', PYF: 'PF', PNG: 'PG', PHL: 'PH', PAK: 'PK', POL: 'PL', SPM: 'PM',
  PCN: 'PN', PRI: 'PR', PSE: 'PS', PRT: 'PT', PLW: 'PW', PRY: 'PY', QAT: 'QA', REU: 'RE', ROU: 'RO', SRB: 'RS',
  RUS: 'RU', RWA: 'RW', SAU: 'SA', SLB: 'SB', SYC: 'SC', SDN: 'SD', SWE: 'SE', SGP: 'SG', SHN: 'SH', SVN: 'SI',
  SJM: 'SJ', SVK: 'SK', SLE: 'SL', SMR: 'SM', SEN: 'SN', SOM: 'SO', SUR: 'SR', SSD: 'SS', STP: 'ST', SLV: 'SV',
  SXM: 'SX', SYR: 'SY', SWZ: 'SZ', TCA: 'TC', TCD: 'TD', ATF: 'TF', TGO: 'TG', THA: 'TH', TJK: 'TJ', TKL: 'TK',
  TLS: 'TL', TKM: 'TM', TUN: 'TN', TON: 'TO', TUR: 'TR', TTO: 'TT', TUV: 'TV', TWN: 'TW', TZA: 'TZ', UKR: 'UA',
  UGA: 'UG', UMI: 'UM', USA: 'US', URY: 'UY', UZB: 'UZ', VAT: 'VA', VCT: 'VC', VEN: 'VE', VGB: 'VG', VIR: 'VI',
  VNM: 'VN', VUT: 'VU', WLF: 'WF', WSM: 'WS', YEM: 'YE', MYT: 'YT', ZAF: 'ZA', ZMB: 'ZM', ZWE: 'ZW',
};

/**
 * What people write for a country besides its codes and CLDR name: abbreviations, former, local
 * and ISO's formal names, constituent countries (GB's are ISO 3166-2 regions, not countries).
 * Keys are folded as `foldName` folds them.
 */
// prettier-ignore
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  uk: 'GB', greatbritain: 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', northernireland: 'GB', unitedkingdomofgreatbritainandnorthernireland: 'GB',
  us: 'US', america: 'US', unitedstatesofamerica: 'US', theunitedstates: 'US',
  deutschland: 'DE', westgermany: 'DE', espana: 'ES', italia: 'IT', holland: 'NL', thenetherlands: 'NL', nederland: 'NL',
  osterreich: 'AT', schweiz: 'CH', suisse: 'CH', svizzera: 'CH', prc: 'CN', brasil: 'BR', mexique: 'MX', polska: 'PL', sverige: 'SE',
  norge: 'NO', danmark: 'DK', suomi: 'FI', belgie: 'BE', belgique: 'BE', eire: 'IE', russianfederation: 'RU', korea: 'KR',
  republicofkorea: 'KR', korearepublicof: 'KR', dprk: 'KP', koreademocraticpeoplesrepublicof: 'KP', uae: 'AE', emirates: 'AE',
  czechrepublic: 'CZ', czech: 'CZ', turkey: 'TR', turkiye: 'TR', ivorycoast: 'CI', burma: 'MM', swaziland: 'SZ', macedonia: 'MK',
  caboverde: 'CV', easttimor: 'TL', vatican: 'VA', holysee: 'VA', macau: 'MO', drc: 'CD', drcongo: 'CD', congokinshasa: 'CD',
  congothedemocraticrepublicofthe: 'CD', democraticrepublicofcongo: 'CD', congobrazzaville: 'CG', el: 'GR', hellas: 'GR', kosovo: 'XK',
  persia: 'IR', laopeoplesdemocraticrepublic: 'LA', syrianarabrepublic: 'SY', bruneidarussalam: 'BN', taiwanprovinceofchina: 'TW',
  saintmartinfrenchpart: 'MF', sintmaartendutchpart: 'SX', bonairesinteustatiusandsaba: 'BQ', virginislandsbritish: 'VG', virginislandsus: 'VI',
};

/** Lower case, without accents, punctuation or spaces, "&" as "and", "St." as "saint": how names are compared. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/\bst\.?\s/g, 'saint ')
    .replace(/[^a-z0-9]/g, '');
}
