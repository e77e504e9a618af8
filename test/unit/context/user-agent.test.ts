// device, browser and os from real User-Agents and client hints, and the bound of the parse cache.

import assert from 'node:assert/strict';
import { createUserAgentReader, enrichContext } from '../../../shared/context/index.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
type Leaves = Record<string, unknown> | undefined;
const uaOf = (headers: Record<string, string | undefined>) => {
  const { device, browser, os } = enrichContext({}, { headers }, { now: NOW });
  return { device: device as Leaves, browser: browser as Leaves, os: os as Leaves };
};

const UA = {
  iPhoneSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  androidChrome: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  androidChromeReduced: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  windowsEdge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80',
  windowsChromeReduced: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  macFirefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  googlebotSmartphone: 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  samsungTv: 'Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) 76.0.3809.146/6.0 TV Safari/537.36',
  iPhoneChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  androidFirefox: 'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0',
  androidTabletChrome: 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  macSafari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  chromebook: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  samsungPhone: 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  bingbot: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  gptbot: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
  lgTv: 'Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.79 Safari/537.36 WebAppManager',
};

describe('device, browser and os from the User-Agent', () => {
  it('reads Safari on an iPhone', () => {
    assert.deepEqual(uaOf({ 'user-agent': UA.iPhoneSafari }), {
      device: { type: 'mobile', vendor: 'Apple', model: 'iPhone', bot: false },
      browser: { name: 'Mobile Safari', version: '17.4.1', major: 17 },
      os: { name: 'iOS', version: '17.4.1', major: 17 },
    });
  });

  it('reads Chrome on an Android phone', () => {
    assert.deepEqual(uaOf({ 'user-agent': UA.androidChrome }), {
      device: { type: 'mobile', vendor: 'Google', model: 'Pixel 8', bot: false },
      browser: { name: 'Mobile Chrome', version: '124.0.6367.82', major: 124 },
      os: { name: 'Android', version: '14', major: 14 },
    });
  });

  it('reads Edge on Windows as a desktop', () => {
    assert.deepEqual(uaOf({ 'User-Agent': UA.windowsEdge }), {
      device: { type: 'desktop', bot: false },
      browser: { name: 'Edge', version: '124.0.2478.80', major: 124 },
      os: { name: 'Windows', version: '10', major: 10 },
    });
  });

  it('reads Firefox on macOS as a desktop', () => {
    assert.deepEqual(uaOf({ 'user-agent': UA.macFirefox }), {
      device: { type: 'desktop', vendor: 'Apple', model: 'Macintosh', bot: false },
      browser: { name: 'Firefox', version: '125.0', major: 125 },
      os: { name: 'macOS', version: '14.4', major: 14 },
    });
  });

  it('marks Googlebot as a bot', () => {
    assert.deepEqual(uaOf({ 'user-agent': UA.googlebot }), {
      device: { type: 'desktop', bot: true },
      browser: { name: 'Googlebot', version: '2.1', major: 2 },
      os: undefined,
    });
  });

  it('marks other crawlers as bots, by their own name', () => {
    assert.deepEqual(uaOf({ 'user-agent': UA.bingbot }).device, { type: 'desktop', bot: true });
    assert.deepEqual(uaOf({ 'user-agent': UA.bingbot }).browser, { name: 'bingbot', version: '2.0', major: 2 });
    assert.equal(uaOf({ 'user-agent': UA.gptbot }).device?.bot, true);
    assert.equal(uaOf({ 'user-agent': UA.gptbot }).browser?.name, 'GPTBot');
    assert.equal(uaOf({ 'user-agent': UA.macFirefox }).device?.bot, false);
  });

  it('keeps the form factor of Googlebot Smartphone, so it sees what phones see', () => {
    const { device } = uaOf({ 'user-agent': UA.googlebotSmartphone });
    assert.equal(device?.type, 'mobile');
    assert.equal(device?.bot, true);
  });

  it('reads smart TVs', () => {
    assert.deepEqual(uaOf({ 'user-agent': UA.samsungTv }).device, { type: 'smarttv', bot: false });
    assert.deepEqual(uaOf({ 'user-agent': UA.samsungTv }).os, { name: 'Tizen', version: '6.0', major: 6 });
    // ua-parser-js 1 gives webOS TVs the version "TV", which is no version (2.x read 6 off Chrome's).
    assert.deepEqual(uaOf({ 'user-agent': UA.lgTv }).os, { name: 'webOS' });
    assert.equal(uaOf({ 'user-agent': UA.lgTv }).device?.type, 'smarttv');
  });

  it('keeps the names rules were written against: Mobile Chrome, Mobile Firefox, macOS, Chrome OS', () => {
    assert.equal(uaOf({ 'user-agent': UA.iPhoneChrome }).browser?.name, 'Mobile Chrome');
    assert.deepEqual(uaOf({ 'user-agent': UA.androidFirefox }).browser, { name: 'Mobile Firefox', version: '125.0', major: 125 });
    assert.equal(uaOf({ 'user-agent': UA.androidTabletChrome }).browser?.name, 'Chrome');
    assert.deepEqual(uaOf({ 'user-agent': UA.macSafari }).os, { name: 'macOS', version: '10.15.7', major: 10 });
    assert.equal(uaOf({ 'user-agent': UA.chromebook }).os?.name, 'Chrome OS');
    assert.deepEqual(uaOf({ 'user-agent': UA.samsungPhone }).browser, { name: 'Samsung Internet', version: '24.0', major: 24 });
  });

  it('drops the "K" placeholder model of Chrome\'s reduced Android User-Agent', () => {
    assert.deepEqual(uaOf({ 'user-agent': UA.androidChromeReduced }).device, { type: 'mobile', bot: false });
  });

  it('derives nothing from HTTP libraries and command-line clients, which speak for a server', () => {
    for (const ua of ['curl/8.5.0', 'python-requests/2.31.0', 'undici', 'axios/1.6.0']) {
      assert.deepEqual(uaOf({ 'user-agent': ua }), { device: undefined, browser: undefined, os: undefined }, ua);
    }
  });

  it('derives nothing from an unrecognisable or absent User-Agent', () => {
    for (const headers of [{ 'user-agent': 'node' }, { 'user-agent': '\u0000\uffff<script>' }, { 'user-agent': '' }, {}]) {
      assert.deepEqual(uaOf(headers), { device: undefined, browser: undefined, os: undefined });
    }
  });

  it('reads only the first 512 characters of a huge User-Agent', () => {
    assert.equal(uaOf({ 'user-agent': UA.iPhoneSafari + ' '.repeat(10) + 'x'.repeat(1_000_000) }).os?.name, 'iOS');
  });
});

describe('client hints', () => {
  const windows11 = {
    'user-agent': UA.windowsChromeReduced,
    'sec-ch-ua': '"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"',
    'sec-ch-ua-mobile': '?0',
    'sec-ch-ua-platform': '"Windows"',
    'sec-ch-ua-platform-version': '"15.0.0"',
    'sec-ch-ua-full-version-list': '"Chromium";v="124.0.6367.91", "Google Chrome";v="124.0.6367.91", "Not-A.Brand";v="99.0.0.0"',
  };

  it('turn Chrome\'s reduced Windows 10 User-Agent into Windows 11 with the full version', () => {
    assert.deepEqual(uaOf({ 'user-agent': UA.windowsChromeReduced }).os, { name: 'Windows', version: '10', major: 10 });
    assert.deepEqual(uaOf(windows11), {
      device: { type: 'desktop', bot: false },
      browser: { name: 'Chrome', version: '124.0.6367.91', major: 124 },
      os: { name: 'Windows', version: '11', major: 11 },
    });
  });

  it('give the real model and OS version behind Chrome\'s reduced Android User-Agent', () => {
    const { device, os } = uaOf({
      'user-agent': UA.androidChromeReduced, 'sec-ch-ua-mobile': '?1', 'sec-ch-ua-model': '"Pixel 8"',
      'sec-ch-ua-platform': '"Android"', 'sec-ch-ua-platform-version': '"14.0.0"',
    });
    assert.deepEqual(device, { type: 'mobile', vendor: 'Google', model: 'Pixel 8', bot: false });
    assert.deepEqual(os, { name: 'Android', version: '14.0.0', major: 14 });
  });

  it('take the form factor from Sec-CH-UA-Form-Factors and keep Opera\'s own name over its Chromium brands', () => {
    assert.equal(uaOf({ 'user-agent': UA.windowsChromeReduced, 'sec-ch-ua-form-factors': '"XR"' }).device?.type, 'xr');
    assert.equal(uaOf({ 'user-agent': UA.windowsChromeReduced, 'sec-ch-ua-form-factors': '"Desktop"' }).device?.type, 'desktop');
    const opera = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/109.0.0.0';
    assert.equal(uaOf({ 'user-agent': opera, 'sec-ch-ua': '"Chromium";v="124", "Not-A.Brand";v="99"' }).browser?.name, 'Opera');
  });

  it('are read without a User-Agent', () => {
    assert.deepEqual(uaOf({ 'sec-ch-ua-platform': '"macOS"', 'sec-ch-ua-platform-version': '"14.4.1"' }).os, { name: 'macOS', version: '14.4.1', major: 14 });
  });

  it('never throw on garbage', () => {
    const garbage = {
      'user-agent': 'x', 'sec-ch-ua': '"""",,;;v=', 'sec-ch-ua-full-version-list': 'garbage;;;"', 'sec-ch-ua-mobile': 'xx',
      'sec-ch-ua-platform': '"', 'sec-ch-ua-model': '\u0000', 'sec-ch-ua-platform-version': '\\"\\"', 'sec-ch-ua-form-factors': '"\u0000"',
    };
    assert.doesNotThrow(() => uaOf(garbage));
  });
});

describe('the parse cache', () => {
  it('holds at most its bound of entries', () => {
    const reader = createUserAgentReader(3);
    for (let i = 0; i < 10; i++) reader.read((name) => (name === 'user-agent' ? `${UA.androidChrome} ${i}` : undefined));
    assert.equal(reader.size, 3);
  });

  it('answers a repeated User-Agent from the cache with the same result', () => {
    const reader = createUserAgentReader(3);
    const header = (name: string) => (name === 'user-agent' ? UA.iPhoneSafari : undefined);
    const first = reader.read(header);
    assert.equal(reader.read(header), first);
    assert.equal(reader.size, 1);
  });

  it('keys on the client hints as well as the User-Agent', () => {
    const reader = createUserAgentReader(3);
    reader.read((name) => (name === 'user-agent' ? UA.windowsChromeReduced : undefined));
    const hinted = reader.read((name) => ({ 'user-agent': UA.windowsChromeReduced, 'sec-ch-ua-platform': 'Windows', 'sec-ch-ua-platform-version': '15.0.0' })[name]);
    assert.equal(hinted.os?.version, '11');
    assert.equal(reader.size, 2);
  });

  it('cannot be corrupted through an enriched context', () => {
    const headers = { 'user-agent': UA.macFirefox };
    const first = enrichContext({}, { headers }, { now: NOW }) as { browser: Record<string, unknown> };
    first.browser.name = 'changed';
    assert.equal((enrichContext({}, { headers }, { now: NOW }).browser as Record<string, unknown>).name, 'Firefox');
  });
});
