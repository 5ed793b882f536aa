import { fromWallTime, offsetMinutes, wallTime } from './time-zones';

/**
 * What the script realm's Date and Math.random are built on: the virtual clock, a seeded generator
 * and the script's time zone. Apps Script V8 evaluates local-time Date methods in the script's zone,
 * so they must not depend on the zone of the machine running the tests.
 */
export interface ClockHost {
  now(): number;
  random(): number;
  zone: string;
  /** [year, month 0-11, day, hours, minutes, seconds, ms, weekday] of instant t in the zone. */
  wall(t: number): number[];
  /** The instant of a wall-clock time in the zone (month 0-11; out-of-range fields roll over as in Date). */
  fromWall(y: number, m: number, d: number, h: number, mi: number, s: number, ms: number): number;
  /** Minutes east of UTC at t. */
  offset(t: number): number;
  zoneName(t: number): string;
}

// Building an Intl formatter costs milliseconds; executions of one zone share it.
const longNames = new Map<string, Intl.DateTimeFormat>();

export function clockHost(now: () => number, random: () => number, zone: string): ClockHost {
  let long = longNames.get(zone);
  if (!long) {
    long = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'long' });
    longNames.set(zone, long);
  }
  const zoneNames = long;
  return {
    now,
    random,
    zone,
    wall(t) {
      const w = wallTime(t, zone);
      return [w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms, w.weekday];
    },
    fromWall(y, m, d, h, mi, s, ms) {
      const parts = [y, m, d, h, mi, s, ms];
      if (!parts.every(Number.isFinite)) return NaN;
      // Normalise overflow (month 12, day 0, …) first, as Date does, then place it in the zone.
      const n = new Date(Date.UTC(y, m, d, h, mi, s, ms));
      if (y >= 0 && y <= 99) n.setUTCFullYear(n.getUTCFullYear() - 1900); // Date.UTC reads 0-99 as 19xx
      return fromWallTime(
        zone,
        n.getUTCFullYear(),
        n.getUTCMonth() + 1,
        n.getUTCDate(),
        n.getUTCHours(),
        n.getUTCMinutes(),
        n.getUTCSeconds(),
        n.getUTCMilliseconds(),
      );
    },
    offset: (t) => offsetMinutes(t, zone),
    zoneName: (t) =>
      zoneNames.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value ?? zone,
  };
}

// Runs inside the context. Replaces Date with a constructor on the virtual clock that keeps the native
// prototype (so dates made either way pass `instanceof Date`), and re-bases the prototype's local-time
// methods on the script's zone.
export const INSTALL_CLOCK = `(function (host) {
  'use strict';
  var NativeDate = globalThis.Date;
  var P = NativeDate.prototype;
  var getTime = P.getTime;
  var setTime = P.setTime;
  var machine = [P.getFullYear, P.getMonth, P.getDate, P.getHours, P.getMinutes, P.getSeconds, P.getMilliseconds];
  var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  function fromParts(a) {
    var y = +a[0];
    if (y >= 0 && y <= 99 && Math.floor(y) === y) y += 1900;
    return host.fromWall(y, a.length > 1 ? +a[1] : 0, a.length > 2 ? +a[2] : 1,
      +(a[3] || 0), +(a[4] || 0), +(a[5] || 0), +(a[6] || 0));
  }
  // Strings without a zone are local time (except date-only ISO, which is UTC): re-read them in the zone.
  function parse(s) {
    var t = NativeDate.parse(s);
    if (t !== t || /(Z|[+-]\\d\\d:?\\d\\d|GMT|UTC)/i.test(s) || /^\\s*\\d{4}(-\\d\\d){0,2}\\s*$/.test(s)) return t;
    var d = new NativeDate(t);
    return host.fromWall.apply(null, machine.map(function (f) { return f.call(d); }));
  }
  var VirtualDate = function Date(a0) {
    if (!new.target) return new VirtualDate().toString();
    var t;
    if (arguments.length === 0) t = host.now();
    else if (arguments.length === 1) t = typeof a0 === 'string' ? parse(a0) : a0;
    else t = fromParts(arguments);
    return Reflect.construct(NativeDate, [t], new.target);
  };
  Object.defineProperty(VirtualDate, 'length', { value: 7 });
  VirtualDate.prototype = P;
  Object.defineProperty(P, 'constructor', { value: VirtualDate, writable: true, configurable: true });
  VirtualDate.now = function now() { return host.now(); };
  VirtualDate.parse = function parse_(s) { return parse(String(s)); };
  VirtualDate.UTC = NativeDate.UTC;
  Object.defineProperty(globalThis, 'Date', { value: VirtualDate, writable: true, configurable: true });

  function wall(d) { var t = getTime.call(d); return t !== t ? null : host.wall(t); }
  function getter(i) { return function () { var w = wall(this); return w ? w[i] : NaN; }; }
  function setter(from, max) {
    return function () {
      var w = wall(this);
      if (!w) return NaN;
      var parts = [w[0], w[1], w[2], w[3], w[4], w[5], w[6]];
      for (var i = 0; i < arguments.length && i < max; i++) parts[from + i] = +arguments[i];
      setTime.call(this, host.fromWall.apply(null, parts));
      return getTime.call(this);
    };
  }
  P.getFullYear = getter(0); P.getMonth = getter(1); P.getDate = getter(2); P.getHours = getter(3);
  P.getMinutes = getter(4); P.getSeconds = getter(5); P.getMilliseconds = getter(6); P.getDay = getter(7);
  P.setFullYear = setter(0, 3); P.setMonth = setter(1, 2); P.setDate = setter(2, 1); P.setHours = setter(3, 4);
  P.setMinutes = setter(4, 3); P.setSeconds = setter(5, 2); P.setMilliseconds = setter(6, 1);
  P.getTimezoneOffset = function getTimezoneOffset() {
    var t = getTime.call(this);
    return t !== t ? NaN : -host.offset(t);
  };
  function p2(n) { return (n < 10 ? '0' : '') + n; }
  P.toDateString = function toDateString() {
    var w = wall(this);
    return w ? DAYS[w[7]] + ' ' + MONTHS[w[1]] + ' ' + p2(w[2]) + ' ' + String(w[0]).padStart(4, '0') : 'Invalid Date';
  };
  P.toTimeString = function toTimeString() {
    var w = wall(this);
    if (!w) return 'Invalid Date';
    var t = getTime.call(this), o = host.offset(t), a = Math.abs(o);
    return p2(w[3]) + ':' + p2(w[4]) + ':' + p2(w[5]) + ' GMT' + (o < 0 ? '-' : '+') + p2(Math.floor(a / 60)) +
      p2(a % 60) + ' (' + host.zoneName(t) + ')';
  };
  P.toString = function toString() {
    return getTime.call(this) !== getTime.call(this) ? 'Invalid Date' : this.toDateString() + ' ' + this.toTimeString();
  };
  ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].forEach(function (name) {
    var f = P[name];
    P[name] = function (locales, options) { return f.call(this, locales, Object.assign({ timeZone: host.zone }, options)); };
  });
  var NativeDTF = Intl.DateTimeFormat;
  var DTF = function DateTimeFormat(locales, options) {
    return new NativeDTF(locales, Object.assign({ timeZone: host.zone }, options));
  };
  DTF.prototype = NativeDTF.prototype;
  DTF.supportedLocalesOf = NativeDTF.supportedLocalesOf;
  Intl.DateTimeFormat = DTF;

  Math.random = function random() { return host.random(); };
  return { Array: Array, Object: Object, Error: Error, Date: NativeDate, JSON: JSON };
})`;
