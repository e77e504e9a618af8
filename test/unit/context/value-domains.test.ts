// Enrichment and validation agree on values: every device type, browser name and OS name derived
// from real User-Agents and client hints is one the rules module's domains hold, so validation
// never warns about a value enrichment gives; the derived catalogue names each attribute's domain.

import assert from 'node:assert/strict';
import { DERIVED_ATTRIBUTES, enrichContext } from '../../../shared/context/index.ts';
import { valueDomain, type ValueDomainName } from '../../../shared/rules/index.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');

// prettier-ignore
const REQUESTS: readonly Record<string, string>[] = [
  { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1' },
  { 'user-agent': 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36' },
  { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80' },
  { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'sec-ch-ua': '"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"', 'sec-ch-ua-platform': '"Windows"', 'sec-ch-ua-platform-version': '"15.0.0"' },
  { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0' },
  { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15' },
  { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
  { 'user-agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' },
  { 'user-agent': 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)' },
  { 'user-agent': 'Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) 76.0.3809.146/6.0 TV Safari/537.36' },
  { 'user-agent': 'Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.79 Safari/537.36 WebAppManager' },
  { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1' },
  { 'user-agent': 'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0' },
  { 'user-agent': 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' },
  { 'user-agent': 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' },
  { 'user-agent': 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36' },
  { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/109.0.0.0' },
  { 'user-agent': 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' },
  { 'user-agent': 'Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko' },
  { 'user-agent': 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36', 'sec-ch-ua': '"Microsoft Edge";v="124", "Chromium";v="124"', 'sec-ch-ua-mobile': '?1', 'sec-ch-ua-platform': '"Android"', 'sec-ch-ua-model': '"Pixel 8"' },
  { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'sec-ch-ua-platform': '"macOS"', 'sec-ch-ua-form-factors': '"Desktop"' },
  { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) OculusBrowser/33.0 Chrome/124.0.0.0 VR Safari/537.36', 'sec-ch-ua-form-factors': '"XR"' },
  { 'user-agent': 'Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15' },
  { 'user-agent': 'Mozilla/5.0 (Linux; Android 11; Pixel Watch) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36', 'sec-ch-ua-form-factors': '"Watch"' },
  { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 YaBrowser/24.4.0.0 Safari/537.36' },
  { 'user-agent': 'Mozilla/5.0 (Linux; Android 10; SM-G973F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36 Instagram 330.0.0.0' },
  { 'user-agent': 'Mozilla/5.0 (Linux; U; Android 12; UCBrowser/13.4.0.1306) AppleWebKit/537.36 Mobile Safari/537.36' },
  { 'user-agent': 'Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.0.0 Mobile Safari/537.36 ; wv' },
  { 'user-agent': 'Mozilla/5.0 (Linux; Android 13; HarmonyOS; NOH-AN00) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0 Mobile Safari/537.36' },
];

const LEAVES: readonly [top: string, leaf: string, domain: ValueDomainName][] = [['device', 'type', 'device-type'], ['browser', 'name', 'browser'], ['os', 'name', 'os']];

describe('enrichment and the value domains', () => {
  it('derives only device types, browser names and OS names the domains hold', () => {
    let seen = 0;
    for (const headers of REQUESTS) {
      const context = enrichContext({}, { headers }, { now: NOW });
      for (const [top, leaf, domain] of LEAVES) {
        const value = (context[top] as Record<string, unknown> | undefined)?.[leaf];
        if (value === undefined) continue;
        seen += 1;
        assert.equal(typeof value, 'string');
        assert.deepEqual(valueDomain(domain).check(value as string, false), { known: true }, `${top}.${leaf} ${JSON.stringify(value)} from ${headers['user-agent']}`);
      }
    }
    assert.ok(seen >= REQUESTS.length * 2, `${seen} values checked`);
  });

  it('derives countries and regions the domains hold', () => {
    const context = enrichContext({}, { headers: { 'x-appengine-country': 'us', 'x-appengine-region': 'ca' } }, { now: NOW });
    const geo = context.geo as Record<string, string>;
    assert.deepEqual([valueDomain('country').check(geo.country!, false), valueDomain('region').check(geo.region!, false)], [{ known: true }, { known: true }]);
  });

  it('names the domain of each derived attribute that has one', () => {
    const domains = Object.fromEntries(DERIVED_ATTRIBUTES.filter((a) => a.domain !== undefined).map((a) => [a.name, a.domain]));
    assert.deepEqual(domains, { 'geo.country': 'country', 'geo.region': 'region', 'device.type': 'device-type', 'browser.name': 'browser', 'os.name': 'os' });
  });
});
