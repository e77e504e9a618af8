// ISO 3166-1 alpha-2: all 249 officially assigned codes with their English short names (CLDR's,
// "&" spelt "and"), plus the names and abbreviations people type for a country instead.

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

/**
 * What people write for a country besides its code and CLDR name: abbreviations, former and
 * local names, alpha-3 codes of the most targeted countries, constituent countries (GB's are
 * ISO 3166-2 regions, not countries). Keys are folded as `foldName` folds them.
 */
// prettier-ignore
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  uk: 'GB', gbr: 'GB', greatbritain: 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', northernireland: 'GB', unitedkingdomofgreatbritainandnorthernireland: 'GB',
  usa: 'US', us: 'US', america: 'US', unitedstatesofamerica: 'US', theunitedstates: 'US',
  deu: 'DE', deutschland: 'DE', westgermany: 'DE', fra: 'FR', esp: 'ES', espana: 'ES', ita: 'IT', italia: 'IT',
  nld: 'NL', holland: 'NL', thenetherlands: 'NL', nederland: 'NL', aut: 'AT', osterreich: 'AT', che: 'CH', schweiz: 'CH', suisse: 'CH', svizzera: 'CH',
  can: 'CA', aus: 'AU', nzl: 'NZ', jpn: 'JP', chn: 'CN', prc: 'CN', ind: 'IN', bra: 'BR', brasil: 'BR', mex: 'MX', mexique: 'MX',
  pol: 'PL', polska: 'PL', swe: 'SE', sverige: 'SE', nor: 'NO', norge: 'NO', dnk: 'DK', danmark: 'DK', fin: 'FI', suomi: 'FI',
  bel: 'BE', belgie: 'BE', belgique: 'BE', prt: 'PT', irl: 'IE', eire: 'IE', rus: 'RU', russianfederation: 'RU', kor: 'KR', korea: 'KR', republicofkorea: 'KR',
  dprk: 'KP', zaf: 'ZA', uae: 'AE', are: 'AE', emirates: 'AE', czechrepublic: 'CZ', czech: 'CZ', cze: 'CZ', turkey: 'TR', turkiye: 'TR', tur: 'TR',
  ivorycoast: 'CI', cotedivoire: 'CI', burma: 'MM', swaziland: 'SZ', macedonia: 'MK', caboverde: 'CV', easttimor: 'TL', vatican: 'VA', holysee: 'VA',
  hongkong: 'HK', macau: 'MO', macao: 'MO', palestinianterritories: 'PS', drc: 'CD', drcongo: 'CD', congokinshasa: 'CD', congobrazzaville: 'CG',
  el: 'GR', hellas: 'GR', kosovo: 'XK', vietnam: 'VN', laopdr: 'LA', persia: 'IR', saintmartin: 'MF', sintmaarten: 'SX',
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
