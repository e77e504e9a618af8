// The admin API's release plans and scheduled changes of one flag (issue 17): read, create and
// steer, each call checked against its shape; steering and cancelling carry If-Match.

import type { Client } from './client.ts';
import { PlanListShape, PlanShape, ScheduleListShape, ScheduleShape, type PlanAnswer, type ScheduleAnswer } from './release-shapes.ts';

export type Steer = 'pause' | 'resume' | 'abort';

export function releaseCalls(client: Client, environment: string, flag: string) {
  const base = `/v1/environments/${encodeURIComponent(environment)}/flags/${encodeURIComponent(flag)}`;
  return {
    plans: (signal?: AbortSignal): Promise<readonly PlanAnswer[]> => client.call('admin', `${base}/releases`, PlanListShape, signal ? { signal } : {}).then((a) => a.items),
    plan: (id: string, signal?: AbortSignal): Promise<PlanAnswer> => client.call('admin', `${base}/releases/${encodeURIComponent(id)}`, PlanShape, signal ? { signal } : {}),
    createPlan: (body: unknown): Promise<PlanAnswer> => client.call('admin', `${base}/releases`, PlanShape, { body }),
    steer: (id: string, steer: Steer, version: number): Promise<PlanAnswer> => client.call('admin', `${base}/releases/${encodeURIComponent(id)}/${steer}`, PlanShape, { method: 'POST', ifMatch: version }),
    schedules: (signal?: AbortSignal): Promise<readonly ScheduleAnswer[]> => client.call('admin', `${base}/schedules`, ScheduleListShape, signal ? { signal } : {}).then((a) => a.items),
    createSchedule: (body: { at: string; change: unknown; comment?: string }): Promise<ScheduleAnswer> => client.call('admin', `${base}/schedules`, ScheduleShape, { body }),
    cancelSchedule: (id: string, version: number): Promise<ScheduleAnswer> => client.call('admin', `${base}/schedules/${encodeURIComponent(id)}`, ScheduleShape, { method: 'DELETE', ifMatch: version }),
  };
}

export type ReleaseCalls = ReturnType<typeof releaseCalls>;
