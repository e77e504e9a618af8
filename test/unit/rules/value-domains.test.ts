// Value domains as tables: for each domain, values it holds, values it corrects (case, names,
// aliases, typos) and values it cannot place, each row one test.

import assert from 'node:assert/strict';
import { COUNTRY_NAMES, fitValues, valueDomain, VALUE_DOMAINS, type ValueDomainName } from '../../../shared/rules/index.ts';
import { editDistance } from '../../../shared/rules/domains/nearest.ts';

/** [domain, value, expected]: true = in the domain, a string = the value suggested, undefined = outside, nothing to suggest. */
type Row = readonly [ValueDomainName, string, true | string | undefined];

// prettier-ignore
const ROWS: readonly Row[] = [
  // countries: codes, case, names, aliases, typos, garbage
  ['country', 'DE', true], ['country', 'US', true], ['country', 'GB', true], ['country', 'AX', true], ['country', 'XK', true],
  ['country', 'de', 'DE'], ['country', 'De', 'DE'], ['country', 'us', 'US'], ['country', 'fr', 'FR'], ['country', 'jp', 'JP'],
  ['country', 'Germany', 'DE'], ['country', 'germany', 'DE'], ['country', 'GERMANY', 'DE'], ['country', 'France', 'FR'],
  ['country', 'United States', 'US'], ['country', 'United Kingdom', 'GB'], ['country', 'Japan', 'JP'], ['country', 'Brazil', 'BR'],
  ['country', 'Côte d’Ivoire', 'CI'], ['country', 'Cote dIvoire', 'CI'], ['country', 'Åland Islands', 'AX'], ['country', 'Réunion', 'RE'],
  ['country', 'Bosnia & Herzegovina', 'BA'], ['country', 'St. Lucia', 'LC'], ['country', 'Saint Lucia', 'LC'], ['country', 'Hong Kong', 'HK'],
  ['country', 'UK', 'GB'], ['country', 'uk', 'GB'], ['country', 'USA', 'US'], ['country', 'U.S.A.', 'US'], ['country', 'U.S.', 'US'],
  ['country', 'England', 'GB'], ['country', 'Great Britain', 'GB'], ['country', 'Holland', 'NL'], ['country', 'Deutschland', 'DE'],
  ['country', 'DEU', 'DE'], ['country', 'Czech Republic', 'CZ'], ['country', 'Turkey', 'TR'], ['country', 'Ivory Coast', 'CI'],
  ['country', 'South Korea', 'KR'], ['country', 'Korea, Republic of', 'KR'], ['country', "Korea, Democratic People's Republic of", 'KP'],
  ['country', 'Iran, Islamic Republic of', 'IR'], ['country', 'Viet Nam', 'VN'], ['country', 'Bolivia (Plurinational State of)', 'BO'],
  ['country', 'ESP', 'ES'], ['country', 'swe', 'SE'], ['country', 'ARG', 'AR'], ['country', 'NGA', 'NG'], ['country', ' DE ', 'DE'], ['country', 'German', 'DE'], ['country', 'UAE', 'AE'], ['country', 'Russia', 'RU'], ['country', 'Schweiz', 'CH'], ['country', 'EL', 'GR'],
  ['country', 'Germny', 'DE'], ['country', 'Frnace', 'FR'], ['country', 'Untied States', 'US'], ['country', 'Swizerland', 'CH'], ['country', 'Austrlia', 'AU'],
  ['country', 'pro', undefined], ['country', 'XX', undefined], ['country', 'ZZ', undefined], ['country', 'T1', undefined], ['country', 'EU', undefined],
  ['country', 'D', undefined], ['country', '', undefined], ['country', 'free', undefined], ['country', '49', undefined], ['country', 'Atlantis', undefined],
  ['country', 'Berlin', undefined], ['country', 'basic', undefined], ['country', 'Africa', undefined], ['country', 'Europe', undefined], ['country', 'Congo', undefined],
  // regions: ISO 3166-2 with the country; listed countries' codes checked
  ['region', 'US-CA', true], ['region', 'DE-BE', true], ['region', 'GB-ENG', true], ['region', 'FR-75', true], ['region', 'AU-NSW', true], ['region', 'AT-9', true],
  ['region', 'us-ca', 'US-CA'], ['region', 'De-By', 'DE-BY'], ['region', 'gb-sct', 'GB-SCT'],
  ['region', 'USCA', 'US-CA'], ['region', 'US_CA', 'US-CA'], ['region', 'US CA', 'US-CA'], ['region', 'de.be', 'DE-BE'], ['region', 'UK-ENG', 'GB-ENG'],
  ['region', 'TX', 'US-TX'], ['region', 'NSW', 'AU-NSW'], ['region', 'QC', 'CA-QC'], ['region', 'US-TXX', 'US-TX'], ['region', 'AU-VICT', 'AU-VIC'], ['region', 'Germany-BY', 'DE-BY'],
  ['region', 'California', 'US-CA'], ['region', 'new york', 'US-NY'], ['region', 'Bavaria', 'DE-BY'], ['region', 'Bayern', 'DE-BY'], ['region', 'Ontario', 'CA-ON'],
  ['region', 'Wien', 'AT-9'], ['region', 'Texsa', 'US-TX'], ['region', 'Nordrhein-Westfalen', 'DE-NW'],
  ['region', 'US-ZZ', undefined], ['region', 'XX-CA', undefined], ['region', 'Atlantis', undefined], ['region', 'Munich', undefined], ['region', 'trial', undefined], ['region', 'pro', undefined], ['region', 'BE', undefined], ['region', '', undefined],
  // device types
  ['device-type', 'mobile', true], ['device-type', 'desktop', true], ['device-type', 'smarttv', true], ['device-type', 'xr', true],
  ['device-type', 'Mobile', 'mobile'], ['device-type', 'TABLET', 'tablet'], ['device-type', 'phone', 'mobile'], ['device-type', 'smartphone', 'mobile'],
  ['device-type', 'pc', 'desktop'], ['device-type', 'laptop', 'desktop'], ['device-type', 'TV', 'smarttv'], ['device-type', 'smart-tv', 'smarttv'], ['device-type', 'Smart TV', 'smarttv'],
  ['device-type', 'watch', 'wearable'], ['device-type', 'VR', 'xr'], ['device-type', 'mobil', 'mobile'], ['device-type', 'tablett', 'tablet'], ['device-type', 'dekstop', 'desktop'], ['device-type', 'smarttvé', 'smarttv'],
  ['device-type', 'pro', undefined], ['device-type', 'Tibet', undefined], ['device-type', 'fridge', undefined], ['device-type', '', undefined],
  // browsers
  ['browser', 'Chrome', true], ['browser', 'Mobile Safari', true], ['browser', 'Samsung Internet', true], ['browser', 'Googlebot', true], ['browser', 'bingbot', true], ['browser', 'GPTBot', true],
  ['browser', 'chrome', 'Chrome'], ['browser', 'FIREFOX', 'Firefox'], ['browser', 'mobile safari', 'Mobile Safari'], ['browser', 'edge', 'Edge'],
  ['browser', 'chrme', 'Chrome'], ['browser', 'Chorme', 'Chrome'], ['browser', 'Safar', 'Safari'], ['browser', 'Firefx', 'Firefox'], ['browser', 'Opra', 'Opera'],
  ['browser', 'Google Chrome', 'Chrome'], ['browser', 'Microsoft Edge', 'Edge'], ['browser', 'Internet Explorer', 'IE'], ['browser', 'Chrome Mobile', 'Mobile Chrome'],
  ['browser', 'Mobile-Chrome', 'Mobile Chrome'], ['browser', 'SamsungBrowser', 'Samsung Internet'], ['browser', 'iOS Safari', 'Mobile Safari'],
  ['browser', ' Chrome', 'Chrome'], ['browser', 'Opera mini', 'Opera Mini'],
  ['browser', 'pro', undefined], ['browser', 'mobile', undefined], ['browser', 'Paris', undefined], ['browser', 'Netscape Navigator 4', undefined], ['browser', '', undefined],
  // operating systems
  ['os', 'iOS', true], ['os', 'Android', true], ['os', 'Windows', true], ['os', 'macOS', true], ['os', 'Chrome OS', true], ['os', 'Linux', true],
  ['os', 'ios', 'iOS'], ['os', 'android', 'Android'], ['os', 'MACOS', 'macOS'], ['os', 'windows', 'Windows'],
  ['os', 'Mac OS', 'macOS'], ['os', 'Mac OS X', 'macOS'], ['os', 'OS X', 'macOS'], ['os', 'Chromium OS', 'Chrome OS'], ['os', 'ChromeOS', 'Chrome OS'], ['os', 'iPadOS', 'iOS'],
  ['os', 'Windows 11', 'Windows'], ['os', 'Andriod', 'Android'], ['os', 'Windos', 'Windows'], ['os', 'Ubunt', 'Ubuntu'], ['os', 'Lnux', 'Linux'],
  ['os', 'pro', undefined], ['os', 'Commodore', undefined], ['os', '', undefined],
];

const describeExpected = (expected: Row[2]) => (expected === true ? 'holds it' : expected === undefined ? 'has nothing to suggest' : `suggests ${JSON.stringify(expected)}`);

describe('value domains', () => {
  for (const [name, value, expected] of ROWS) {
    it(`${name}: ${JSON.stringify(value)} -> ${describeExpected(expected)}`, () => {
      const verdict = valueDomain(name).check(value, false);
      if (expected === true) assert.deepEqual(verdict, { known: true });
      else assert.deepEqual(verdict, expected === undefined ? { known: false } : { known: false, suggestion: expected });
    });
  }

  it('has a row of each kind for every domain', () => {
    for (const name of VALUE_DOMAINS) {
      const rows = ROWS.filter((row) => row[0] === name);
      assert.ok(rows.some((r) => r[2] === true) && rows.some((r) => typeof r[2] === 'string') && rows.some((r) => r[2] === undefined), name);
    }
  });

  it('suggests only values the domain holds', () => {
    for (const [name, value] of ROWS) {
      const verdict = valueDomain(name).check(value, false);
      if (!verdict.known && verdict.suggestion !== undefined) assert.deepEqual(valueDomain(name).check(verdict.suggestion, false), { known: true }, `${name}: ${value}`);
    }
  });

  it('takes a value differing only in case as known when the clause ignores case', () => {
    assert.deepEqual(valueDomain('country').check('de', true), { known: true });
    assert.deepEqual(valueDomain('region').check('us-ca', true), { known: true });
    assert.deepEqual(valueDomain('browser').check('chrome', true), { known: true });
    assert.deepEqual(valueDomain('country').check('Germany', true), { known: false, suggestion: 'DE' });
  });

  it('lists the 249 codes of ISO 3166-1, each a region the runtime names', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    assert.equal(Object.keys(COUNTRY_NAMES).length, 249);
    for (const code of Object.keys(COUNTRY_NAMES)) {
      assert.match(code, /^[A-Z]{2}$/);
      assert.notEqual(names.of(code), code, code);
      assert.deepEqual(valueDomain('country').check(code, false), { known: true }, code);
      assert.deepEqual(valueDomain('country').check(COUNTRY_NAMES[code]!, false), { known: false, suggestion: code }, COUNTRY_NAMES[code]);
    }
  });
});

describe('fitValues (values carried into another attribute)', () => {
  it('keeps what fits, converts what it can place and drops the rest', () => {
    assert.deepEqual(fitValues(valueDomain('country'), ['DE', 'de', 'Germany', 'pro', 'UK', 7]), ['DE', 'GB']);
    assert.deepEqual(fitValues(valueDomain('device-type'), ['pro', 'free']), []);
    assert.deepEqual(fitValues(valueDomain('browser'), ['chrome', 'Mobile Safari']), ['Chrome', 'Mobile Safari']);
  });

  it('keeps a value differing in case when the clause ignores case', () => {
    assert.deepEqual(fitValues(valueDomain('country'), ['de'], true), ['de']);
  });
});

describe('editDistance (optimal string alignment)', () => {
  // prettier-ignore
  const rows: readonly [string, string, number | undefined, number][] = [
    ['France', 'France', undefined, 0], ['Frnace', 'France', undefined, 1], ['Germny', 'Germany', undefined, 1], ['kitten', 'sitting', undefined, 3],
    ['', 'abc', undefined, 3], ['abc', '', undefined, 3], ['ca', 'abc', undefined, 3],
    ['kitten', 'sitting', 2, 3], ['a', 'abcdef', 2, 3], ['Berlin', 'Benin', 1, 2], ['Austrlia', 'Australia', 1, 1],
  ];
  for (const [a, b, max, expected] of rows) {
    it(`${JSON.stringify(a)} to ${JSON.stringify(b)}${max === undefined ? '' : ` within ${max}`} is ${expected}${max !== undefined && expected > max ? ' (past the bound)' : ''}`, () => {
      assert.equal(editDistance(a, b, max), expected);
    });
  }
});
