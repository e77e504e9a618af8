// Every store contract, for one implementation: the embedded default and Firestore run the same.

import { describeAuditLog } from './audit.contract.ts';
import { describeConcurrentWrites, type Contention } from './concurrency.contract.ts';
import { describeDocuments } from './documents.contract.ts';
import { describeEnvironments } from './environments.contract.ts';
import { describeFlagStore } from './flag-store.contract.ts';
import { describeImports } from './import.contract.ts';
import type { MakeHarness } from './harness.ts';
import { describeKeyStore } from './keys.contract.ts';

export function describeStoreContracts(name: string, make: MakeHarness, contention: Contention): void {
  describeEnvironments(name, make);
  describeDocuments(name, make);
  describeFlagStore(name, make);
  describeImports(name, make);
  describeAuditLog(name, make);
  describeKeyStore(name, make);
  describeConcurrentWrites(name, make, contention);
}

export type { MakeHarness, Harness, RawTarget } from './harness.ts';
