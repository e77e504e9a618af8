// A web app's use of Switchyard as its docs show it: the OpenFeature web SDK with the OFREP web
// provider on its default options (only the base URL and the SDK key's header). Bundled by esbuild
// in test/e2e/helpers/live-page.ts; the page's query string says where the product is and which key
// and user to use. Every ConfigurationChanged event is recorded with the value the client evaluates
// right after it, and when it came (epoch ms), on window.live for the test to read.

import { OpenFeature, ProviderEvents, type EventDetails } from '@openfeature/web-sdk';
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';

type Seen = { readonly at: number; readonly flagsChanged: readonly string[]; readonly values: Record<string, boolean>; readonly reasons: Record<string, string | undefined> };
type Live = { ready: boolean; readonly changes: Seen[]; readonly errors: string[]; readonly watched: readonly string[]; values: () => Record<string, boolean> };

const params = new URLSearchParams(location.search);
const watched = (params.get('flags') ?? '').split(',').filter(Boolean);
const client = OpenFeature.getClient();
const values = () => Object.fromEntries(watched.map((key) => [key, client.getBooleanValue(key, false)]));
const live: Live = { ready: false, changes: [], errors: [], watched, values };
(window as unknown as { live: Live }).live = live;

client.addHandler(ProviderEvents.ConfigurationChanged, (details?: EventDetails<ProviderEvents.ConfigurationChanged>) => {
  const reasons = Object.fromEntries(watched.map((key) => [key, client.getBooleanDetails(key, false).reason]));
  live.changes.push({ at: Date.now(), flagsChanged: details?.flagsChanged ?? [], values: values(), reasons });
  render();
});
client.addHandler(ProviderEvents.Error, (details?: EventDetails) => void live.errors.push(details?.message ?? 'provider error'));

function render() {
  const list = document.getElementById('flags')!;
  list.replaceChildren(...watched.map((key) => Object.assign(document.createElement('li'), { textContent: `${key}: ${client.getBooleanValue(key, false)}` })));
}

const provider = new OFREPWebProvider({ baseUrl: params.get('baseUrl')!, headers: [['Authorization', `Bearer ${params.get('key')}`]] });
await OpenFeature.setContext({ targetingKey: params.get('user') ?? 'user-1' });
await OpenFeature.setProviderAndWait(provider);
render();
live.ready = true;
