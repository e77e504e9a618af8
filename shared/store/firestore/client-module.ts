// The Firestore client library, loaded on first use. PERFORMANCE NOTE: importing it costs about
// 220 ms, so a function on the embedded store, or before its first Firestore call, never pays it.

import { createRequire } from 'node:module';

type FirestoreModule = typeof import('@google-cloud/firestore');

let loaded: FirestoreModule | undefined;

export function firestoreModule(): FirestoreModule {
  loaded ??= createRequire(import.meta.url)('@google-cloud/firestore') as FirestoreModule;
  return loaded;
}
