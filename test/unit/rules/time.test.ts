// Time: time_window in IANA zones (over midnight, across the 2026 DST switches, up to 24:00, by
// weekday) and relative dates (now-30d, now+2h, now-1w) at their exact boundaries.

import assert from 'node:assert/strict';
import { compileFlag, evaluate, interpret, validate, type Condition, type Evaluation, type FlagInput } from '../../../shared/rules/index.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const at = (iso: string) => Date.parse(iso);

/** The served variant, or undefined for an error. */
const variantOf = (e: Evaluation): string | undefined => ('variant' in e ? e.variant : undefined);

function flagWhen(when: Condition): FlagInput {
  return { key: 'time', enabled: true, variants: { yes: true, no: false }, offVariant: 'no', defaultVariant: 'no', rules: [{ id: 'r', when, serve: { variant: 'yes' } }] };
}

type Predicate = (now: number | Date, context?: Record<string, unknown>) => boolean;

/** A predicate over (now, context) that checks the compiler and the interpreter agree. */
function condition(when: Condition): Predicate & { compiledOnly: Predicate } {
  const doc = flagWhen(when);
  const compiled = compileFlag(doc);
  if (!compiled.ok) assert.fail(JSON.stringify(compiled.errors));
  const flag = compiled.flag;
  const compiledOnly: Predicate = (now, context = {}) => variantOf(evaluate(flag, context, { now })) === 'yes';
  const both: Predicate = (now, context = {}) => {
    const b = interpret(doc, context, { now });
    assert.equal(compiledOnly(now, context), variantOf(b) === 'yes', `compiled and interpreted differ at ${new Date(now).toISOString()}`);
    return variantOf(b) === 'yes';
  };
  return Object.assign(both, { compiledOnly });
}

type Window = { days?: string[]; from: string; to: string; tz: string };
const windowed = (value: Window) => condition({ op: 'time_window', value });

/**
 * The instants, minute by minute in [start, end), at which the window is open. The interpreter
 * (slow: it validates the document on every call) is asked at every change and every 15 minutes.
 */
function openMinutes(value: Window, start: string, end: string): number[] {
  const open = windowed(value);
  const out: number[] = [];
  let previous: boolean | undefined;
  for (let t = at(start); t < at(end); t += MINUTE) {
    const now = open.compiledOnly(t);
    if (now !== previous || (t / MINUTE) % 15 === 0) open(t);
    if (previous !== undefined && now !== previous) open(t - MINUTE);
    previous = now;
    if (now) out.push(t);
  }
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function codes(when: Condition): string[] {
  return validate(flagWhen(when)).errors.map((e) => e.code);
}

describe('time', () => {
  describe('time_window', () => {
    it('reads the wall clock of its zone, from inclusive and to exclusive', () => {
      const open = windowed({ from: '09:00', to: '17:00', tz: 'Europe/Berlin' });
      // 2026-01-15: Berlin is UTC+1.
      assert.equal(open(at('2026-01-15T07:59:59.999Z')), false);
      assert.equal(open(at('2026-01-15T08:00:00Z')), true);
      assert.equal(open(at('2026-01-15T15:59:59.999Z')), true);
      assert.equal(open(at('2026-01-15T16:00:00Z')), false);
      // 2026-07-15: Berlin is UTC+2.
      assert.equal(open(at('2026-07-15T07:00:00Z')), true);
      assert.equal(open(at('2026-07-15T15:00:00Z')), false);
    });

    it('takes `now` as epoch milliseconds or a Date alike', () => {
      const open = windowed({ from: '09:00', to: '17:00', tz: 'UTC' });
      assert.equal(open(new Date('2026-01-15T09:00:00Z')), true);
      assert.equal(open(new Date('2026-01-15T08:00:00Z')), false);
    });

    const zones: readonly [tz: string, utcOfLocalNoon: string][] = [
      ['UTC', '2026-01-15T12:00:00Z'],
      ['America/New_York', '2026-01-15T17:00:00Z'],
      ['America/Los_Angeles', '2026-01-15T20:00:00Z'],
      ['America/St_Johns', '2026-01-15T15:30:00Z'],
      ['Asia/Kolkata', '2026-01-15T06:30:00Z'],
      ['Asia/Kathmandu', '2026-01-15T06:15:00Z'],
      ['Asia/Tokyo', '2026-01-15T03:00:00Z'],
      ['Australia/Sydney', '2026-01-15T01:00:00Z'],
      ['Pacific/Kiritimati', '2026-01-14T22:00:00Z'],
      ['Pacific/Pago_Pago', '2026-01-15T23:00:00Z'],
    ];
    for (const [tz, noon] of zones) {
      it(`opens a 12:00-12:01 window at local noon in ${tz}`, () => {
        const open = windowed({ days: ['thu'], from: '12:00', to: '12:01', tz });
        assert.equal(open(at(noon) - 1), false);
        assert.equal(open(at(noon)), true);
        assert.equal(open(at(noon) + MINUTE - 1), true);
        assert.equal(open(at(noon) + MINUTE), false);
        assert.equal(open(at(noon) + DAY), false, 'a day later is a Friday');
      });
    }

    it('takes the weekday in its zone, not in UTC', () => {
      // Sunday 2026-03-01 12:00Z is Monday 02:00 in Kiritimati (UTC+14) and Sunday 01:00 in Pago Pago (UTC-11).
      const now = at('2026-03-01T12:00:00Z');
      assert.equal(windowed({ days: ['mon'], from: '00:00', to: '24:00', tz: 'Pacific/Kiritimati' })(now), true);
      assert.equal(windowed({ days: ['sun'], from: '00:00', to: '24:00', tz: 'Pacific/Kiritimati' })(now), false);
      assert.equal(windowed({ days: ['sun'], from: '00:00', to: '24:00', tz: 'Pacific/Pago_Pago' })(now), true);
      assert.equal(windowed({ days: ['sun'], from: '00:00', to: '24:00', tz: 'UTC' })(now), true);
    });

    it('keeps to the listed days and is open every day without days', () => {
      const weekdays = windowed({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', tz: 'Europe/Berlin' });
      const everyDay = windowed({ from: '09:00', to: '17:00', tz: 'Europe/Berlin' });
      // Monday 2026-06-01 through Sunday 2026-06-07, at 10:00 Berlin (08:00Z).
      const week = Array.from({ length: 7 }, (_, i) => at('2026-06-01T08:00:00Z') + i * DAY);
      assert.deepEqual(week.map((t) => weekdays(t)), [true, true, true, true, true, false, false]);
      assert.deepEqual(week.map((t) => everyDay(t)), [true, true, true, true, true, true, true]);
      assert.deepEqual(week.map((t) => windowed({ days: ['sat', 'sun'], from: '09:00', to: '17:00', tz: 'Europe/Berlin' })(t)), [false, false, false, false, false, true, true]);
    });

    describe('over midnight', () => {
      // Friday 2026-05-15 and Saturday 2026-05-16 in UTC.
      const open = windowed({ days: ['fri'], from: '22:00', to: '02:00', tz: 'UTC' });

      it('belongs to the day it starts on: Fri 22:00-02:00 matches Sat 01:00 but not Fri 01:00', () => {
        assert.equal(open(at('2026-05-16T01:00:00Z')), true, 'Sat 01:00');
        assert.equal(open(at('2026-05-15T01:00:00Z')), false, 'Fri 01:00');
      });

      it('is open from Fri 22:00 inclusive to Sat 02:00 exclusive', () => {
        assert.equal(open(at('2026-05-15T21:59:59Z')), false);
        assert.equal(open(at('2026-05-15T22:00:00Z')), true);
        assert.equal(open(at('2026-05-15T23:59:59Z')), true);
        assert.equal(open(at('2026-05-16T00:00:00Z')), true);
        assert.equal(open(at('2026-05-16T01:59:59Z')), true);
        assert.equal(open(at('2026-05-16T02:00:00Z')), false);
        assert.equal(open(at('2026-05-16T22:00:00Z')), false, 'Sat 22:00');
        assert.equal(open(at('2026-05-17T01:00:00Z')), false, 'Sun 01:00');
      });

      it('crosses midnight in its own zone', () => {
        const tokyo = windowed({ days: ['fri'], from: '22:00', to: '02:00', tz: 'Asia/Tokyo' });
        assert.equal(tokyo(at('2026-05-15T16:00:00Z')), true, 'Sat 01:00 in Tokyo');
        assert.equal(tokyo(at('2026-05-14T16:00:00Z')), false, 'Fri 01:00 in Tokyo');
      });

      it('counts Saturday night into Sunday from Saturday, and Sunday night into Monday from Sunday', () => {
        const sunday = windowed({ days: ['sun'], from: '23:00', to: '01:00', tz: 'UTC' });
        assert.equal(sunday(at('2026-05-17T23:30:00Z')), true, 'Sun 23:30');
        assert.equal(sunday(at('2026-05-18T00:30:00Z')), true, 'Mon 00:30');
        assert.equal(sunday(at('2026-05-17T00:30:00Z')), false, 'Sun 00:30 belongs to Saturday');
      });
    });

    describe('DST, Europe (2026-03-29 and 2026-10-25 at 01:00Z)', () => {
      const hour = (from: string, to: string) => ({ from, to, tz: 'Europe/Berlin' });

      it('matches nothing on spring-forward day for a window inside the skipped hour 02:00-03:00', () => {
        assert.deepEqual(openMinutes(hour('02:00', '03:00'), '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z').map(iso), []);
      });

      it('matches the same window for an hour the day before and the day after', () => {
        assert.equal(openMinutes(hour('02:00', '03:00'), '2026-03-27T23:00:00Z', '2026-03-28T23:00:00Z').length, 60);
        assert.equal(openMinutes(hour('02:00', '03:00'), '2026-03-29T22:00:00Z', '2026-03-30T22:00:00Z').length, 60);
      });

      it('jumps from 01:59 CET to 03:00 CEST at 01:00Z', () => {
        const early = windowed(hour('01:00', '02:00'));
        const late = windowed(hour('03:00', '04:00'));
        assert.equal(early(at('2026-03-29T00:59:00Z')), true);
        assert.equal(early(at('2026-03-29T01:00:00Z')), false);
        assert.equal(late(at('2026-03-29T00:59:59Z')), false);
        assert.equal(late(at('2026-03-29T01:00:00Z')), true);
      });

      it('matches both occurrences of the repeated hour 02:00-03:00 on fall-back day', () => {
        const open = openMinutes(hour('02:00', '03:00'), '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z');
        assert.equal(open.length, 120);
        assert.equal(iso(open[0]!), '2026-10-25T00:00:00Z', 'first 02:00, CEST');
        assert.equal(iso(open.at(-1)!), '2026-10-25T01:59:00Z', 'second 02:59, CET');
      });

      it('is open 23 hours on spring-forward day and 25 hours on fall-back day for 00:00-24:00', () => {
        const sunday = { days: ['sun'], from: '00:00', to: '24:00', tz: 'Europe/Berlin' };
        assert.equal(openMinutes(sunday, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z').length, 23 * 60);
        assert.equal(openMinutes(sunday, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z').length, 25 * 60);
      });
    });

    describe('DST, US (2026-03-08 and 2026-11-01 at 02:00 local)', () => {
      const ny = (from: string, to: string) => ({ from, to, tz: 'America/New_York' });

      it('matches nothing on spring-forward day for a window inside the skipped hour 02:00-03:00', () => {
        assert.deepEqual(openMinutes(ny('02:00', '03:00'), '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z').map(iso), []);
        assert.equal(openMinutes(ny('02:00', '03:00'), '2026-03-07T05:00:00Z', '2026-03-08T05:00:00Z').length, 60, 'the day before');
      });

      it('jumps from 01:59 EST to 03:00 EDT at 07:00Z', () => {
        assert.equal(windowed(ny('01:00', '02:00'))(at('2026-03-08T06:59:00Z')), true);
        assert.equal(windowed(ny('03:00', '04:00'))(at('2026-03-08T07:00:00Z')), true);
      });

      it('matches both occurrences of the repeated hour 01:00-02:00 on fall-back day', () => {
        const open = openMinutes(ny('01:00', '02:00'), '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z');
        assert.equal(open.length, 120);
        assert.equal(iso(open[0]!), '2026-11-01T05:00:00Z', 'first 01:00, EDT');
        assert.equal(iso(open.at(-1)!), '2026-11-01T06:59:00Z', 'second 01:59, EST');
      });

      it('follows each zone on its own switch: Los Angeles repeats 01:00-02:00 three hours later than New York', () => {
        const open = openMinutes({ from: '01:00', to: '02:00', tz: 'America/Los_Angeles' }, '2026-11-01T07:00:00Z', '2026-11-02T08:00:00Z');
        assert.deepEqual([open.length, iso(open[0]!), iso(open.at(-1)!)], [120, '2026-11-01T08:00:00Z', '2026-11-01T09:59:00Z']);
      });

      it('stays open through both repeated hours for a Saturday-night window over midnight', () => {
        // Sat 2026-10-31 23:00 EDT to Sun 01:30: 23:00-01:00 EDT, 01:00-01:30 EDT, then 01:00-01:30 EST again.
        const open = openMinutes({ days: ['sat'], from: '23:00', to: '01:30', tz: 'America/New_York' }, '2026-11-01T00:00:00Z', '2026-11-01T12:00:00Z');
        assert.equal(open.length, 150 + 30);
      });
    });

    describe('24:00', () => {
      it('closes at the end of the day with to "24:00"', () => {
        const evening = windowed({ days: ['mon'], from: '18:00', to: '24:00', tz: 'UTC' });
        assert.equal(evening(at('2026-06-01T23:59:59.999Z')), true, 'Mon 23:59:59.999');
        assert.equal(evening(at('2026-06-02T00:00:00Z')), false, 'Tue 00:00');
        assert.equal(evening(at('2026-06-01T17:59:59Z')), false);
      });

      it('accepts 00:00 to 24:00 as the whole day', () => {
        assert.deepEqual(codes({ op: 'time_window', value: { from: '00:00', to: '24:00', tz: 'UTC' } }), []);
        const day = windowed({ days: ['mon'], from: '00:00', to: '24:00', tz: 'UTC' });
        assert.equal(day(at('2026-06-01T00:00:00Z')), true);
        assert.equal(day(at('2026-06-01T23:59:59Z')), true);
        assert.equal(day(at('2026-06-02T00:00:00Z')), false);
        assert.equal(day(at('2026-05-31T23:59:59Z')), false);
      });

      it('refuses 24:00 as a start, times past it, and a window that starts where it ends', () => {
        assert.deepEqual(codes({ op: 'time_window', value: { from: '24:00', to: '02:00', tz: 'UTC' } }), ['INVALID_TIME']);
        assert.deepEqual(codes({ op: 'time_window', value: { from: '09:00', to: '24:01', tz: 'UTC' } }), ['INVALID_TIME']);
        assert.deepEqual(codes({ op: 'time_window', value: { from: '9:00', to: '17:00', tz: 'UTC' } }), ['INVALID_TIME']);
        assert.deepEqual(codes({ op: 'time_window', value: { from: '09:00', to: '09:00', tz: 'UTC' } }), ['EMPTY_TIME_WINDOW']);
      });
    });

    it('refuses unknown zones and weekdays, and an attribute', () => {
      assert.deepEqual(codes({ op: 'time_window', value: { from: '09:00', to: '17:00', tz: 'Mars/Olympus_Mons' } }), ['INVALID_TIMEZONE']);
      assert.deepEqual(codes({ op: 'time_window', value: { from: '09:00', to: '17:00' } }), ['INVALID_TIMEZONE']);
      assert.deepEqual(codes({ op: 'time_window', value: { days: ['monday'], from: '09:00', to: '17:00', tz: 'UTC' } }), ['INVALID_OPERAND']);
      assert.deepEqual(codes({ op: 'time_window', value: { days: [], from: '09:00', to: '17:00', tz: 'UTC' } }), ['INVALID_OPERAND']);
      assert.deepEqual(codes({ attr: 'now', op: 'time_window', value: { from: '09:00', to: '17:00', tz: 'UTC' } }), ['UNEXPECTED_ATTRIBUTE']);
    });
  });

  describe('relative dates', () => {
    const now = at('2026-03-29T12:00:00Z');
    const seen = (op: 'before' | 'after' | 'between_dates', value: unknown) => {
      const holds = condition({ attr: 'seen', op, value });
      return (t: number | string) => holds(now, { seen: t });
    };

    it('after "now-30d" is strictly after now minus 30 days', () => {
      const after = seen('after', 'now-30d');
      const edge = now - 30 * DAY;
      assert.equal(after(edge), false);
      assert.equal(after(edge + 1), true);
      assert.equal(after(edge - 1), false);
      assert.equal(after('2026-02-27T12:00:00Z'), false, 'exactly 30 days before, as RFC 3339');
      assert.equal(after('2026-02-27T12:00:00.001Z'), true);
      assert.equal(after('2026-02-27T13:00:00.001+01:00'), true, 'the same instant with an offset');
    });

    it('before "now+2h" is strictly before now plus 2 hours', () => {
      const before = seen('before', 'now+2h');
      assert.equal(before(now + 2 * HOUR), false);
      assert.equal(before(now + 2 * HOUR - 1), true);
      assert.equal(before('2026-03-29T14:00:00Z'), false);
      assert.equal(before('2026-03-29T13:59:59.999Z'), true);
    });

    it('between_dates ["now-1w", "now"] includes both ends', () => {
      const within = seen('between_dates', ['now-1w', 'now']);
      assert.equal(within(now - 7 * DAY - 1), false);
      assert.equal(within(now - 7 * DAY), true);
      assert.equal(within(now), true);
      assert.equal(within(now + 1), false);
    });

    it('between_dates mixes absolute and relative ends', () => {
      const since = seen('between_dates', ['2026-03-01T00:00:00Z', 'now+90m']);
      assert.equal(since(at('2026-03-01T00:00:00Z')), true);
      assert.equal(since(at('2026-02-28T23:59:59.999Z')), false);
      assert.equal(since(now + 90 * MINUTE), true);
      assert.equal(since(now + 90 * MINUTE + 1), false);
    });

    it('moves with now: the same clause answers differently as time passes', () => {
      const holds = condition({ attr: 'seen', op: 'after', value: 'now-30d' });
      const signup = at('2026-03-01T00:00:00Z');
      assert.equal(holds(at('2026-03-30T23:59:59.999Z'), { seen: signup }), true);
      assert.equal(holds(at('2026-03-31T00:00:00Z'), { seen: signup }), false);
      assert.equal(holds(at('2026-03-31T00:00:00Z') - 1, { seen: signup }), true);
    });

    it('reads units m, h, d and w, and plain "now"', () => {
      for (const [value, offset] of [['now-15m', -15 * MINUTE], ['now+2h', 2 * HOUR], ['now-30d', -30 * DAY], ['now-1w', -7 * DAY], ['now', 0]] as const) {
        const within = seen('between_dates', [value, value]);
        assert.equal(within(now + offset), true, value);
        assert.equal(within(now + offset + 1), false, value);
      }
    });

    it('refuses malformed relative dates and reversed ranges', () => {
      for (const value of ['now-30', 'now-30y', 'now - 30d', 'NOW-30d', 'now-1.5d', 'yesterday']) {
        assert.deepEqual(codes({ attr: 'seen', op: 'after', value }), ['INVALID_DATE'], value);
      }
      assert.deepEqual(codes({ attr: 'seen', op: 'between_dates', value: ['now', 'now-1d'] }), ['INVALID_RANGE']);
    });

    it('does not treat naive or malformed attribute dates as instants', () => {
      const after = seen('after', 'now-30d');
      assert.equal(after('2026-03-29T11:00:00'), false, 'no offset');
      assert.equal(after('2026-03-29'), false);
      assert.equal(after('2026-02-30T00:00:00Z'), false, 'February 30');
      assert.equal(after('now'), false, 'relative forms are for operands only');
    });
  });
});
