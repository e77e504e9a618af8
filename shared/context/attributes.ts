// The attributes enrichment derives, for the attribute catalogue and `GET /v1/attributes`.

import { DEVICE_TYPES, type AttributeDefinition } from '../rules/index.ts';
import { WEEKDAYS } from './time.ts';

const FROM_HEADERS = 'from the geo headers of the proxy in front (see shared/context/README.md) unless the client sent it';
const FROM_UA = 'from User-Agent and client hints (ua-parser-js 1, isbot) unless the client sent it';

// prettier-ignore
export const DERIVED_ATTRIBUTES: readonly AttributeDefinition[] = [
  { name: 'geo',            type: 'geo',     description: `The client's location, an object with numeric lat and lon for within_radius; ${FROM_HEADERS}` },
  { name: 'geo.country',    type: 'string',  description: `Country, ISO 3166-1 alpha-2 upper case ("DE"); ${FROM_HEADERS}`, domain: 'country' },
  { name: 'geo.region',     type: 'string',  description: `Subdivision, ISO 3166-2 upper case with the country ("US-CA", "DE-BE"); ${FROM_HEADERS}`, domain: 'region' },
  { name: 'geo.city',       type: 'string',  description: `City name as the source spells it (compare with caseInsensitive); ${FROM_HEADERS}` },
  { name: 'geo.lat',        type: 'number',  description: `Latitude of the city in degrees; ${FROM_HEADERS}` },
  { name: 'geo.lon',        type: 'number',  description: `Longitude of the city in degrees; ${FROM_HEADERS}` },
  { name: 'device.type',    type: 'string',  description: `Form factor; desktop when a browser or OS is recognised without one; ${FROM_UA}`, allowedValues: [...DEVICE_TYPES], domain: 'device-type' },
  { name: 'device.vendor',  type: 'string',  description: `Device maker ("Apple", "Samsung"); ${FROM_UA}` },
  { name: 'device.model',   type: 'string',  description: `Device model ("iPhone", "Pixel 8"); ${FROM_UA}` },
  { name: 'device.bot',     type: 'boolean', description: `True for crawlers, link previewers and AI fetchers (Googlebot, bingbot, ChatGPT-User); ${FROM_UA}` },
  { name: 'browser.name',   type: 'string',  description: `Browser as ua-parser-js names it ("Chrome", "Mobile Chrome", "Mobile Safari", "Edge", "Firefox"; a crawler by its own name, "Googlebot"); ${FROM_UA}`, domain: 'browser' },
  { name: 'browser.version', type: 'string', description: `Full browser version ("124.0.6367.91"); ${FROM_UA}` },
  { name: 'browser.major',  type: 'number',  description: `Major browser version (124); ${FROM_UA}` },
  { name: 'os.name',        type: 'string',  description: `Operating system ("iOS", "Android", "Windows", "macOS"); ${FROM_UA}`, domain: 'os' },
  { name: 'os.version',     type: 'string',  description: `OS version as reported ("17.4.1"; "11" for Windows 11 from client hints); ${FROM_UA}` },
  { name: 'os.major',       type: 'number',  description: `Major OS version (17); ${FROM_UA}` },
  { name: 'time.epochMs',   type: 'number',  description: 'Evaluation time, milliseconds since the epoch' },
  { name: 'time.iso',       type: 'date',    description: 'Evaluation time, RFC 3339 in UTC ("2026-03-02T14:05:00.000Z")' },
  { name: 'time.hour',      type: 'number',  description: 'Hour of the evaluation time in UTC, 0-23; for local business hours use the time_window operator' },
  { name: 'time.minute',    type: 'number',  description: 'Minute of the evaluation time in UTC, 0-59' },
  { name: 'time.weekday',   type: 'string',  description: 'Day of the week of the evaluation time in UTC; use time_window for a zone', allowedValues: [...WEEKDAYS] },
];
