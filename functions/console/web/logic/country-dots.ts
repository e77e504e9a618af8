// Where to draw the countries the 110m atlas has no shape for (Malta, Singapore, the small island
// states and territories): one dot each at [longitude, latitude], so every ISO 3166-1 code is
// selectable on the map as well as in the list. Centroids of the largest polygon of each in
// world-atlas countries-50m (Natural Earth), else countries-10m; Guadeloupe, Martinique, Réunion,
// Mayotte, Bonaire (BQ), Tokelau, Cocos, Christmas Island and Bouvet Island, which those files
// draw as parts of another country or not at all, from their main island's coordinates. Rounded
// to 0.1 degree (about 11 km): a dot, not a border.

// prettier-ignore
export const COUNTRY_DOTS: Readonly<Record<string, readonly [number, number]>> = {
  AD: [1.6, 42.5], AG: [-61.8, 17.1], AI: [-63.1, 18.2], AS: [-170.7, -14.3], AW: [-70.0, 12.5], AX: [19.9, 60.2],
  BB: [-59.6, 13.2], BH: [50.5, 26.0], BL: [-62.8, 17.9], BM: [-64.8, 32.3], BQ: [-68.3, 12.2], BV: [3.4, -54.4],
  CC: [96.8, -12.2], CK: [-159.8, -21.2], CV: [-23.6, 15.1], CW: [-69.0, 12.2], CX: [105.7, -10.5], DM: [-61.4, 15.4],
  FM: [158.2, 6.9], FO: [-6.9, 62.2], GD: [-61.7, 12.1], GG: [-2.6, 49.5], GI: [-5.3, 36.1], GP: [-61.6, 16.2],
  GS: [-36.7, -54.4], GU: [144.8, 13.4], HK: [114.1, 22.4], HM: [73.5, -53.1], IM: [-4.5, 54.2], IO: [72.4, -7.3],
  JE: [-2.1, 49.2], KI: [-157.4, 1.9], KM: [43.3, -11.7], KN: [-62.7, 17.3], KY: [-81.3, 19.3], LC: [-61.0, 13.9],
  LI: [9.5, 47.1], MC: [7.4, 43.8], MF: [-63.1, 18.1], MH: [171.2, 7.1], MO: [113.5, 22.2], MP: [145.7, 15.2],
  MQ: [-61.0, 14.6], MS: [-62.2, 16.7], MT: [14.4, 35.9], MU: [57.6, -20.3], MV: [73.5, 4.2], NF: [167.9, -29.1],
  NR: [166.9, -0.5], NU: [-169.9, -19.0], PF: [-149.4, -17.7], PM: [-56.3, 46.9], PN: [-128.3, -24.4], PW: [134.6, 7.5],
  RE: [55.5, -21.1], SC: [55.5, -4.7], SG: [103.8, 1.4], SH: [-5.7, -16.0], SM: [12.5, 43.9], ST: [6.6, 0.2],
  SX: [-63.1, 18.1], TC: [-71.7, 21.8], TK: [-171.8, -9.2], TO: [-175.2, -21.2], TV: [179.2, -8.5], UM: [-162.1, 5.9],
  VA: [12.4, 41.9], VC: [-61.2, 13.3], VG: [-64.6, 18.4], VI: [-64.8, 17.7], WF: [-178.1, -14.3], WS: [-172.4, -13.6],
  YT: [45.1, -12.8],
};

/**
 * Parts of an atlas country that ISO 3166-1 codes on their own, found by where a polygon lies:
 * France's shape holds French Guiana (the only polygon west of 30° W), Norway's holds Svalbard
 * (north of 74° N). Each part is drawn and selected under its own code.
 */
export const OVERSEAS_PARTS: Readonly<Record<string, readonly { readonly code: string; readonly holds: (lon: number, lat: number) => boolean }[]>> = {
  FR: [{ code: 'GF', holds: (lon) => lon < -30 }],
  NO: [{ code: 'SJ', holds: (_lon, lat) => lat > 74 }],
};
