// Runtime configuration, read once at cold start from the environment and validated by zod: a
// wrong value stops the function at start with a message, never a request later. This folder is
// the only code that reads process.env; every function's root (functions/<name>/deps.ts) builds
// its dependencies from the one value parsed here.

import * as z from 'zod';
import { AggregateConfigSchema } from './aggregate-config.ts';
import { ConsoleConfigSchema } from './console-config.ts';
import { LOG_FORMATS, LOG_LEVELS, STAGES, type Stage } from './logging-config.ts';

const number = (fallback: number) => z.coerce.number().finite().positive().default(fallback);
const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));

const SettingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** The interface the local product listens on: loopback unless told otherwise (`0.0.0.0` for every interface). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * The freshness bound: every answer reflects every write acknowledged this long before the
   * request arrived (README "Freshness"). Past it without a confirmation, answers say STALE.
   */
  SWITCHYARD_MAX_STALENESS_MS: number(1000),
  /** How long after a version confirmation began answers wait for it before answering from what is held. */
  SWITCHYARD_CONFIRM_DEADLINE_MS: number(250),
  /** The streams function's public URL (change streams, OFREP eventStreams); unset, bulk answers offer no stream. */
  SWITCHYARD_STREAMS_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** HMAC secret of stream tokens, shared by evaluate (which signs) and streams (which verifies); at least 32 characters. */
  SWITCHYARD_STREAM_SECRET: z.string().min(32).optional(),
  /** How long a stream token is valid; tokens are minted per half of this, so each has at least half left. */
  SWITCHYARD_STREAM_TOKEN_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** A stream is ended after this long (the client reconnects with Last-Event-ID), under the platform's request timeout. */
  SWITCHYARD_STREAM_MAX_SECONDS: z.coerce.number().int().min(5).max(3500).default(900),
  /** Seconds between heartbeat comments on an idle stream, so proxies keep it open. */
  SWITCHYARD_STREAM_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  /** Open streams one SDK key may hold on one instance. */
  SWITCHYARD_STREAMS_PER_KEY: z.coerce.number().int().min(1).default(1000),
  /** Sustained evaluate requests per second per SDK key, and the burst allowed. */
  SWITCHYARD_RATE_PER_SECOND: number(1000),
  SWITCHYARD_RATE_BURST: number(2000),
  /** Requests per second per admin key on admin, validate and preview (burst twice that). */
  SWITCHYARD_ADMIN_RATE_PER_SECOND: number(100),
  /** Failed authentications one address may make per minute on any function before it gets 429 for the rest of the minute. */
  SWITCHYARD_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Origins of the console allowed to call validate, preview and admin (comma separated). */
  SWITCHYARD_CONSOLE_ORIGINS: list.default(['http://localhost:8080']),
  /** JSON mapping of geo attributes to request headers, see shared/context/README.md. */
  SWITCHYARD_GEO_HEADERS: z.string().optional(),
  SWITCHYARD_SDK_KEY: z.string().min(16).optional(),
  /** The local product's client SDK key (for browsers: clientVisible flags only). */
  SWITCHYARD_CLIENT_KEY: z.string().min(16).optional(),
  SWITCHYARD_ADMIN_KEY: z.string().min(16).optional(),
  /**
   * The audience of Identity-Aware Proxy's assertions when IAP fronts the admin function: then the
   * verified user is recorded as the actor of every write, and requests without a valid assertion
   * are refused. Unset, writes are recorded as the admin key's name.
   */
  SWITCHYARD_IAP_AUDIENCE: z.string().min(1).optional(),
  /** Where IAP's signing keys are published (Google's JWKS). */
  SWITCHYARD_IAP_KEYS_URL: z.url({ protocol: /^https?$/ }).default('https://www.gstatic.com/iap/verify/public_key-jwk'),
  /** Deployment stage: picks the logging defaults (shared/config/logging-config.ts) and labels every line. */
  SWITCHYARD_STAGE: z.enum(STAGES).default('production'),
  /** Overrides of the stage's logging defaults. */
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  LOG_FORMAT: z.enum(LOG_FORMATS).optional(),
  LOG_DEBUG_PER_SECOND: z.coerce.number().int().nonnegative().optional(),
  /** The project in trace names and log names (Terraform sets it; Cloud Run does not by itself). */
  GOOGLE_CLOUD_PROJECT: z.string().min(1).default('switchyard-local'),
  /** The version in log labels and Error Reporting's serviceContext (Terraform sets the release; else Cloud Run's revision). */
  SWITCHYARD_VERSION: z.string().min(1).optional(),
  /** Cloud Run's revision name, the version when SWITCHYARD_VERSION is unset. */
  K_REVISION: z.string().min(1).optional(),
  /** Pub/Sub topic for metrics; unset, metrics stay on an in-process bus. */
  SWITCHYARD_METRICS_TOPIC: z.string().min(1).optional(),
  SWITCHYARD_METRICS_INTERVAL_SECONDS: number(60),
  /**
   * Where flags, keys and history live: the embedded demo store, or Firestore (GOOGLE_CLOUD_PROJECT).
   * Unset: the embedded store in the local and test stages, Firestore in a deployed one, which
   * never runs on the embedded store (its state would vanish with the instance).
   */
  SWITCHYARD_STORE: z.enum(['memory', 'firestore']).optional(),
  /** The Firestore emulator the Google client connects to instead of Firestore (the client reads it itself; shown by npm start). */
  FIRESTORE_EMULATOR_HOST: z.string().min(1).optional(),
  /** Upstash Redis (REST): the snapshot tier (with Firestore) and the shared rate limiter. Both or neither. */
  UPSTASH_REDIS_REST_URL: z.url({ protocol: /^https?$/ }).optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  /** Milliseconds a Redis call may take before it counts as failed. */
  SWITCHYARD_REDIS_TIMEOUT_MS: number(150),
  /** How long an admin request waits for the store before answering 503. */
  SWITCHYARD_STORE_DEADLINE_MS: number(8000),
});

/** The stages that run on one machine; the others are deployed. */
export const isLocalStage = (stage: Stage): boolean => stage === 'local' || stage === 'test';

export const RuntimeConfigSchema = SettingsSchema.extend(AggregateConfigSchema.shape)
  .extend(ConsoleConfigSchema.shape)
  .refine((c) => (c.UPSTASH_REDIS_REST_URL === undefined) === (c.UPSTASH_REDIS_REST_TOKEN === undefined), {
    message: 'set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither',
    path: ['UPSTASH_REDIS_REST_URL'],
  })
  .refine((c) => c.SWITCHYARD_STORE !== 'memory' || isLocalStage(c.SWITCHYARD_STAGE), {
    message: 'the embedded store is for the local and test stages; a deployed stage (SWITCHYARD_STAGE) keeps its state in Firestore',
    path: ['SWITCHYARD_STORE'],
  })
  .transform(({ K_REVISION, ...c }) => ({
    ...c,
    SWITCHYARD_VERSION: c.SWITCHYARD_VERSION ?? K_REVISION ?? 'dev',
    SWITCHYARD_STORE: c.SWITCHYARD_STORE ?? (isLocalStage(c.SWITCHYARD_STAGE) ? ('memory' as const) : ('firestore' as const)),
  }));

export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

/** A configuration that cannot start: its message is one line meant for a person. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function readRuntimeConfig(env: Readonly<Record<string, string | undefined>> = process.env): RuntimeConfig {
  const parsed = RuntimeConfigSchema.safeParse(env);
  if (!parsed.success) {
    // One line, naming each variable: what a newcomer sees when `npm start` refuses to start.
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message.replace(/^Too small: expected string to have >=(\d+) characters$/, 'must be at least $1 characters')}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
