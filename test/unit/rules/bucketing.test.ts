// Bucketing, algorithm 1: the shipped vectors, the rollout laws (raising a rollout moves nobody
// out; salts are independent) and the bucket range.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bucketerFor } from '../../../shared/rules/bucketing.ts';
import { BUCKETS, bucketFor, compileFlag, evaluate, interpret, murmur3, type CompiledFlag, type Evaluation, type FlagInput } from '../../../shared/rules/index.ts';
import { checkPublished, EDGE_HASHES, referenceBucket, type BucketingVector } from '../../../scripts/make-bucketing-vectors.ts';

const vectors = JSON.parse(readFileSync(new URL('../../vectors/bucketing.json', import.meta.url), 'utf8')) as BucketingVector[];

const utf8 = (text: string) => new TextEncoder().encode(text).length;
const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/** The served variant, or undefined for an error. */
const variantOf = (e: Evaluation): string | undefined => ('variant' in e ? e.variant : undefined);

function compile(doc: FlagInput): CompiledFlag {
  const result = compileFlag(doc);
  if (!result.ok) assert.fail(JSON.stringify(result.errors));
  return result.flag;
}

/** Chi-squared critical value for `dof` degrees of freedom at p = 0.001 (Wilson-Hilferty). */
function chiSquaredCritical(dof: number): number {
  const z = 3.0902;
  return dof * (1 - 2 / (9 * dof) + z * Math.sqrt(2 / (9 * dof))) ** 3;
}

describe('bucketing', () => {
  describe('test/vectors/bucketing.json', () => {
    it('holds at least 200 vectors of { salt, unit, hash, bucket }', () => {
      assert.ok(vectors.length >= 200, `${vectors.length} vectors`);
      for (const v of vectors) assert.deepEqual(Object.keys(v), ['salt', 'unit', 'hash', 'bucket']);
    });

    it('covers empty, non-ASCII, long units and salts and the hash edge values', () => {
      assert.ok(vectors.some((v) => v.unit === ''));
      assert.ok(vectors.some((v) => v.salt === ''));
      assert.ok(vectors.some((v) => /[\u0080-\u00ff]/.test(v.unit)), 'Latin-1');
      assert.ok(vectors.some((v) => /[\u4e00-\u9fff]/.test(v.unit)), 'CJK');
      assert.ok(vectors.some((v) => /[\u{10000}-\u{10ffff}]/u.test(v.unit)), 'astral');
      assert.ok(vectors.some((v) => /[\u0300-\u036f]/.test(v.unit)), 'combining marks');
      assert.ok(vectors.some((v) => !isAscii(v.salt)), 'non-ASCII salt');
      assert.ok(vectors.some((v) => utf8(v.unit) >= 1000), 'long unit');
      for (const hash of EDGE_HASHES) assert.ok(vectors.some((v) => v.hash === hash), `hash ${hash}`);
      assert.ok(vectors.some((v) => v.bucket === 0) && vectors.some((v) => v.bucket === BUCKETS - 1));
    });

    it('was computed by a reference MurmurHash3 that matches the published values', () => {
      checkPublished();
      for (const v of vectors) assert.equal(v.bucket, referenceBucket(v.hash));
    });

    it('matches murmur3 and bucketFor on every vector', () => {
      for (const v of vectors) {
        const label = JSON.stringify([v.salt, v.unit]);
        assert.equal(murmur3(`${v.salt}/${v.unit}`), v.hash, `murmur3 ${label}`);
        assert.equal(bucketFor(v.salt, v.unit), v.bucket, `bucketFor ${label}`);
      }
    });

    it('matches the per-salt bucketer the compiler uses on every vector', () => {
      const bucketers = new Map<string, (unit: string) => number>();
      for (const v of vectors) {
        const bucketOf = bucketers.get(v.salt) ?? bucketerFor(v.salt);
        bucketers.set(v.salt, bucketOf);
        assert.equal(bucketOf(v.unit), v.bucket, JSON.stringify([v.salt, v.unit]));
        // Called twice: the bucketer reuses its byte buffer between calls.
        assert.equal(bucketOf(v.unit), v.bucket);
      }
    });

    it('puts each vector inside in_rollout at (bucket + 1) / 1000 percent and outside at bucket / 1000', () => {
      const flagAt = (salt: string, percent: number): FlagInput => ({
        key: 'vectors',
        enabled: true,
        variants: { in: true, out: false },
        offVariant: 'out',
        defaultVariant: 'out',
        rules: [{ id: 'edge', when: { attr: 'targetingKey', op: 'in_rollout', value: { salt, percent } }, serve: { variant: 'in' } }],
      });
      for (const v of vectors.filter((x) => x.salt !== '')) {
        const context = { targetingKey: v.unit };
        for (const [percent, expected] of [[(v.bucket + 1) / 1000, 'in'], [v.bucket / 1000, 'out']] as const) {
          const doc = flagAt(v.salt, percent);
          assert.equal(variantOf(evaluate(compile(doc), context, { now: 0 })), expected, `compiled ${percent}% ${JSON.stringify(v)}`);
          assert.equal(variantOf(interpret(doc, context, { now: 0 })), expected, `interpreted ${percent}% ${JSON.stringify(v)}`);
        }
      }
    });

    it('splits each vector into the first variant when its weight ends just past the bucket, else the second', () => {
      const splitAt = (salt: string, thousandths: number): FlagInput => ({
        key: 'vectors',
        enabled: true,
        variants: { first: 1, second: 2 },
        offVariant: 'first',
        defaultVariant: 'first',
        rules: [{ id: 'split', serve: { rollout: { salt, split: [{ variant: 'first', weight: thousandths / 1000 }, { variant: 'second', weight: (100_000 - thousandths) / 1000 }] } } }],
      });
      for (const v of vectors) {
        const context = { targetingKey: v.unit };
        const cases = [[v.bucket + 1, 'first'], [v.bucket, 'second']] as const;
        for (const [thousandths, expected] of cases.filter(([t]) => t <= 100_000)) {
          const doc = splitAt(v.salt, thousandths);
          for (const e of [evaluate(compile(doc), context, { now: 0 }), interpret(doc, context, { now: 0 })]) {
            assert.deepEqual(e.reason === 'SPLIT' && [e.variant, e.bucket], [expected, v.bucket], `${thousandths / 1000}% ${JSON.stringify(v)}`);
          }
        }
      }
    });
  });

  describe('bucketFor', () => {
    it('returns whole buckets from 0 to 99,999', () => {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < 50_000; i++) {
        const b = bucketFor('range', `u${i}`);
        assert.ok(Number.isInteger(b));
        if (b < min) min = b;
        if (b > max) max = b;
      }
      assert.ok(min >= 0 && max <= BUCKETS - 1, `${min}..${max}`);
      assert.ok(min < 10 && max > BUCKETS - 10, 'spans the range');
    });

    it('places hash 0 in bucket 0 and hash 2^32-1 in bucket 99,999', () => {
      const low = vectors.find((v) => v.hash === 0)!;
      const high = vectors.find((v) => v.hash === 2 ** 32 - 1)!;
      assert.equal(bucketFor(low.salt, low.unit), 0);
      assert.equal(bucketFor(high.salt, high.unit), 99_999);
    });
  });

  describe('rollouts', () => {
    const units = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);
    const percents = [0, 0.001, 1, 5, 10, 25, 33.333, 50, 75, 99.999, 100];

    it('moves nobody out of in_rollout when the percentage rises', () => {
      const inRollout = (percent: number) =>
        compile({
          key: 'ramp',
          enabled: true,
          variants: { on: true, off: false },
          offVariant: 'off',
          defaultVariant: 'off',
          rules: [{ id: 'r', when: { attr: 'targetingKey', op: 'in_rollout', value: { salt: 'ramp', percent } }, serve: { variant: 'on' } }],
        });
      const flags = percents.map(inRollout);
      for (const unit of units) {
        const served = flags.map((f) => variantOf(evaluate(f, { targetingKey: unit }, { now: 0 })) === 'on');
        const firstIn = served.indexOf(true);
        assert.ok(firstIn >= 0, `${unit} is in at 100%`);
        assert.ok(served.slice(firstIn).every(Boolean), `${unit} moves out as the rollout rises: ${served}`);
      }
    });

    it('moves nobody out of the first split variant when its weight rises', () => {
      const split = (on: number) =>
        compile({
          key: 'ramp',
          enabled: true,
          variants: { on: true, off: false },
          offVariant: 'off',
          defaultVariant: 'off',
          rules: [{ id: 'r', serve: { rollout: { split: [{ variant: 'on', weight: on }, { variant: 'off', weight: 100 - on }] } } }],
        });
      const flags = percents.map(split);
      for (const unit of units) {
        const results = flags.map((f) => evaluate(f, { targetingKey: unit }, { now: 0 }));
        const served = results.map((r) => variantOf(r) === 'on');
        assert.ok(served.slice(served.indexOf(true)).every(Boolean), `${unit}: ${served}`);
        for (const r of results) assert.equal(r.reason === 'SPLIT' && r.bucket, bucketFor('ramp', unit));
      }
    });

    it('puts about 30% of units below bucket 30,000', () => {
      let on = 0;
      for (const unit of units) if (bucketFor('ramp', unit) < 30_000) on++;
      assert.ok(Math.abs(on / units.length - 0.3) < 0.015, `${on} of ${units.length} in a 30% rollout`);
    });
  });

  describe('salts', () => {
    const n = 100_000;
    const a = new Array<number>(n);
    const b = new Array<number>(n);
    before(() => {
      for (let i = 0; i < n; i++) {
        a[i] = bucketFor('flag-a', `user-${i}`);
        b[i] = bucketFor('flag-b', `user-${i}`);
      }
    });

    it('places units independently under different salts (no correlation)', () => {
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      const ma = mean(a);
      const mb = mean(b);
      let cov = 0;
      let va = 0;
      let vb = 0;
      for (let i = 0; i < n; i++) {
        cov += (a[i]! - ma) * (b[i]! - mb);
        va += (a[i]! - ma) ** 2;
        vb += (b[i]! - mb) ** 2;
      }
      const r = cov / Math.sqrt(va * vb);
      assert.ok(Math.abs(r) < 4 / Math.sqrt(n), `correlation ${r}`);
    });

    it('spreads units evenly over the joint grid of two salts (chi-squared, p > 0.001)', () => {
      const side = 10;
      const cells = new Array<number>(side * side).fill(0);
      for (let i = 0; i < n; i++) cells[Math.floor(a[i]! / (BUCKETS / side)) * side + Math.floor(b[i]! / (BUCKETS / side))]!++;
      const expected = n / cells.length;
      const chi2 = cells.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
      const dof = (side - 1) * (side - 1);
      assert.ok(chi2 < chiSquaredCritical(dof), `chi-squared ${chi2.toFixed(1)} with ${dof} degrees of freedom`);
    });

    it('puts a 10% rollout of one salt and a 10% rollout of another on about 1% of units together', () => {
      let both = 0;
      for (let i = 0; i < n; i++) if (a[i]! < 10_000 && b[i]! < 10_000) both++;
      // Binomial(100000, 0.01): standard deviation about 31.
      assert.ok(Math.abs(both - n / 100) < 150, `${both} units in both`);
    });
  });
});
