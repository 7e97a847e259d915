// stagefeed festival clock, shared by the site's pages (assets/clock.<hash>.js) and the
// signage screens (inlined into each screen): "now" from this device's clock or from
// ?now=2027-07-23T21:40 (festival time, for testing), wall times in the festival's time
// zone, the festival day an instant falls in, and where a stage stands at an instant.
// Written for old player browsers too (no newer syntax or DOM methods).
var StagefeedClock = (function () {
  "use strict";
  // An act stays "now" this long after its scheduled end while nothing has started since.
  var GRACE = 10 * 60 * 1000;

  // An instant from an ISO 8601 text or a number of milliseconds.
  function at(value) { return typeof value === "number" ? value : Date.parse(value); }

  // The query's `now` parameter, read without URLSearchParams for the oldest players.
  function queryNow(search) {
    var match = /[?&]now=([^&#]*)/.exec(search || "");
    if (!match) return null;
    try { return decodeURIComponent(match[1]); } catch (error) { return null; }
  }

  // A clock for the festival's time zone. `search` is the page's query (location.search).
  function create(zone, search) {
    var parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

    function wall(instant) {
      var result = {};
      parts.formatToParts(new Date(instant)).forEach(function (part) { result[part.type] = part.value; });
      return result;
    }
    // The festival's wall time at an instant, as if that wall time were UTC.
    function asLocal(instant) {
      var p = wall(instant);
      return Date.UTC(+p.year, p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
    }
    // "2027-07-23T21:40" in festival time, as an instant: of the offsets around it, the
    // earliest reading that shows that wall time; in a DST gap, the time just after it.
    function fromFestivalTime(text) {
      var m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text || "");
      if (!m) return null;
      var local = Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
      var day = 86400 * 1000;
      var before = asLocal(local - day) - (local - day);
      var after = asLocal(local + day) - (local + day);
      var candidates = [local - before, local - after].filter(function (instant) { return asLocal(instant) === local; });
      return candidates.length ? Math.min.apply(null, candidates) : local - before;
    }
    var nowText = queryNow(search);
    var frozen = fromFestivalTime(nowText);
    return {
      zone: zone,
      // The instant ?now= froze the clock at, or null on the device's clock.
      frozen: frozen,
      // The ?now= text as given, to carry it on to links (testing).
      nowText: frozen !== null ? nowText : null,
      now: function () { return frozen !== null ? frozen : Date.now(); },
      asLocal: asLocal,
      fromFestivalTime: fromFestivalTime
    };
  }

  // The festival day an instant falls in, or the nearest one. Days are {date, start, end}.
  function dayAt(days, instant) {
    for (var i = 0; i < days.length; i++) {
      if (at(days[i].start) <= instant && instant < at(days[i].end)) return days[i];
    }
    return instant < at(days[0].start) ? days[0] : days[days.length - 1];
  }

  // The festival day an instant falls in, or null between and outside them.
  function dayDuring(days, instant) {
    for (var i = 0; i < days.length; i++) {
      if (at(days[i].start) <= instant && instant < at(days[i].end)) return days[i];
    }
    return null;
  }

  // Where a stage stands at an instant, from its sets ({start, end, day}) in time order.
  // Now: the latest-started set that is on (a set from the previous festival day that runs
  // past the day's start included), else the last one to end, for a grace period, while
  // nothing has started since. Next and later: the rest of this festival day.
  function situation(sets, date, instant) {
    var current = null;
    var ended = null;
    sets.forEach(function (set) {
      var start = at(set.start);
      var end = at(set.end);
      if (start <= instant && instant < end) {
        if (!current || start >= at(current.start)) current = set;
      } else if (end <= instant && instant < end + GRACE) {
        if (!ended || end > at(ended.end)) ended = set;
      }
    });
    if (!current && ended) {
      var startedSince = sets.some(function (set) { return at(set.start) > at(ended.start) && at(set.start) <= instant; });
      if (!startedSince) current = ended;
    }
    var today = sets.filter(function (set) { return set.day === date; });
    var upcoming = today.filter(function (set) { return at(set.start) > instant; });
    var started = today.some(function (set) { return at(set.start) <= instant; });
    var state = current ? "playing" : !started ? "before" : upcoming.length ? "between" : "finished";
    return { state: state, current: current, next: upcoming[0] || null, later: upcoming.slice(1), today: today };
  }

  return { GRACE: GRACE, at: at, create: create, dayAt: dayAt, dayDuring: dayDuring, situation: situation };
})();
