// The device types, browser names and OS names context enrichment gives (shared/context/
// user-agent.ts: ua-parser-js 1 with the 2.x names rules were written against), and what people
// write for them instead. test/unit/context/value-domains.test.ts holds enrichment to these lists.

/** ua-parser's form factors, plus `desktop` for a recognised browser or OS without one, and `xr` from client hints. */
export const DEVICE_TYPES = ['mobile', 'tablet', 'desktop', 'smarttv', 'wearable', 'console', 'xr', 'embedded'] as const;

// prettier-ignore
export const DEVICE_TYPE_ALIASES: Readonly<Record<string, string>> = {
  phone: 'mobile', smartphone: 'mobile', cellphone: 'mobile', handheld: 'mobile', iphone: 'mobile', android: 'mobile',
  ipad: 'tablet', pad: 'tablet', ereader: 'tablet',
  pc: 'desktop', computer: 'desktop', laptop: 'desktop', notebook: 'desktop', mac: 'desktop',
  tv: 'smarttv', television: 'smarttv', ctv: 'smarttv',
  watch: 'wearable', smartwatch: 'wearable',
  vr: 'xr', ar: 'xr', headset: 'xr',
  gameconsole: 'console', gamingconsole: 'console', playstation: 'console', xbox: 'console',
  car: 'embedded', automotive: 'embedded', iot: 'embedded',
};

/**
 * Browser names: the common ones first (nearest-name suggestions prefer the earlier of equals).
 * A crawler is named by its own product token (`Googlebot`), which no list holds; see `isCrawlerName`.
 */
// prettier-ignore
export const BROWSER_NAMES = [
  'Chrome', 'Mobile Chrome', 'Safari', 'Mobile Safari', 'Edge', 'Firefox', 'Mobile Firefox', 'Samsung Internet', 'Opera',
  'Chrome WebView', 'Edge WebView2', 'Chrome Headless', 'Chromium', 'Opera Mini', 'Opera Mobi', 'Opera Tablet', 'Opera GX',
  'Opera Coast', 'Opera Touch', 'Firefox Focus', 'Firefox Reality', 'IE', 'IEMobile', 'Android Browser', 'UCBrowser',
  'Yandex', 'Brave', 'Vivaldi', 'DuckDuckGo', 'Silk', 'Facebook', 'Instagram', 'WeChat', 'Line', 'Snapchat', 'TikTok',
  'Twitter', 'LinkedIn', 'GSA', 'Huawei Browser', 'MIUI Browser', 'Vivo Browser', 'Oculus Browser', 'Pico Browser',
  'Whale Browser', 'QQBrowser', 'QQBrowserLite', 'QQ', 'Baidu', 'Coc Coc', 'Quark', 'Sogou Explorer', 'Sogou Mobile',
  'Maxthon', 'Puffin', 'Dolphin', 'Konqueror', 'Epiphany', 'Falkon', 'Midori', 'PaleMoon', 'Waterfox', 'LibreWolf',
  'SeaMonkey', 'IceCat', 'Iceweasel', 'Basilisk', 'Netscape', 'Mozilla', 'Electron', 'PhantomJS', 'Tizen Browser',
  'Sailfish Browser', 'NokiaBrowser', 'BlackBerry', 'Kindle', 'Klar', 'Alipay', 'Heytap', 'Smart Lenovo Browser', 'Wolvic',
  'Ladybird', 'Lynx', 'Links', 'w3m', 'Avast Secure Browser', 'AVG Secure Browser', 'Comodo Dragon', 'Iron', 'Iridium',
  'Slimjet', 'Sleipnir', 'Lunascape', 'Obigo', 'NetFront', 'NetSurf', 'Dillo', 'Cobalt', 'Tesla', 'Weibo', 'Kakao',
  'KakaoTalk', 'KakaoStory', 'Naver', 'Daum', '2345Explorer', '360', 'LBBROWSER', 'Amaya', 'Arora', 'Avant', 'Bolt',
  'Camino', 'Flock', 'Fennec', 'GoBrowser', 'iCab', 'K-Meleon', 'Minimo', 'OmniWeb', 'Polaris', 'Skyfire', 'Swiftfox',
] as const;

// prettier-ignore
export const BROWSER_ALIASES: Readonly<Record<string, string>> = {
  googlechrome: 'Chrome', chromedesktop: 'Chrome', chromemobile: 'Mobile Chrome', chromeandroid: 'Mobile Chrome', chromeios: 'Mobile Chrome', crios: 'Mobile Chrome',
  mobilesafari: 'Mobile Safari', safarimobile: 'Mobile Safari', iossafari: 'Mobile Safari', safariios: 'Mobile Safari',
  microsoftedge: 'Edge', msedge: 'Edge', edg: 'Edge', internetexplorer: 'IE', msie: 'IE', ie11: 'IE',
  firefoxmobile: 'Mobile Firefox', firefoxandroid: 'Mobile Firefox', fxios: 'Mobile Firefox', mozillafirefox: 'Firefox', ff: 'Firefox',
  samsungbrowser: 'Samsung Internet', samsung: 'Samsung Internet', ucbrowser: 'UCBrowser', uc: 'UCBrowser',
  androidwebview: 'Chrome WebView', webview: 'Chrome WebView', headlesschrome: 'Chrome Headless', yabrowser: 'Yandex', yandexbrowser: 'Yandex',
  operamini: 'Opera Mini', operagx: 'Opera GX', amazonsilk: 'Silk', googleapp: 'GSA',
};

/** Operating system names as enrichment gives them (ua-parser-js 1's `Mac OS` and `Chromium OS` renamed). */
// prettier-ignore
export const OS_NAMES = [
  'iOS', 'Android', 'Windows', 'macOS', 'Linux', 'Chrome OS', 'Ubuntu', 'HarmonyOS', 'Tizen', 'webOS', 'KaiOS',
  'watchOS', 'Fuchsia', 'Windows Phone', 'Windows Mobile', 'Windows IoT', 'BlackBerry', 'RIM Tablet OS', 'Firefox OS',
  'Android-x86', 'OpenHarmony', 'Chromecast', 'PlayStation', 'Nintendo', 'Xbox', 'Debian', 'Fedora', 'CentOS', 'RedHat',
  'SUSE', 'Arch', 'Gentoo', 'Mint', 'Manjaro', 'Mandriva', 'Mageia', 'Slackware', 'Deepin', 'elementary OS', 'Raspbian',
  'Sabayon', 'PCLinuxOS', 'Linpus', 'Linspire', 'VectorLinux', 'Zenwalk', 'Kubuntu', 'Ubuntu Touch', 'Joli', 'FreeBSD',
  'OpenBSD', 'NetBSD', 'DragonFly', 'PC-BSD', 'GhostBSD', 'Solaris', 'AIX', 'HP-UX', 'Unix', 'GNU', 'Hurd', 'Haiku',
  'BeOS', 'OS/2', 'Amiga OS', 'Morph OS', 'RISC OS', 'Plan9', 'Minix', 'QNX', 'OpenVMS', 'Contiki', 'SerenityOS',
  'Symbian', 'Series40', 'Bada', 'MeeGo', 'Maemo', 'Sailfish', 'Palm', 'NetTV', 'NetRange', 'Viera',
] as const;

// prettier-ignore
export const OS_ALIASES: Readonly<Record<string, string>> = {
  macos: 'macOS', macosx: 'macOS', mac: 'macOS', osx: 'macOS', macintosh: 'macOS', darwin: 'macOS',
  chromiumos: 'Chrome OS', chromeos: 'Chrome OS', cros: 'Chrome OS', ipados: 'iOS', iphoneos: 'iOS', ipad: 'iOS', iphone: 'iOS',
  win: 'Windows', win10: 'Windows', win11: 'Windows', windows10: 'Windows', windows11: 'Windows', microsoftwindows: 'Windows',
  androidos: 'Android', googleandroid: 'Android', gnulinux: 'Linux',
};

const CRAWLER = /^[A-Za-z][\w-]{0,40}bot$/i;

/** A crawler's product token (`Googlebot`, `bingbot`, `GPTBot`), which enrichment gives as browser.name. */
export function isCrawlerName(name: string): boolean {
  return CRAWLER.test(name);
}
