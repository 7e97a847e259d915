// stagefeed default theme: stars, friends and "my schedule" (kept in this browser only),
// sets on now, the offline notice, the announcements' banner and the service worker. The
// site works without it. search.js and timetable.js use what it shares as window.Stagefeed.
(() => {
  "use strict";
  const html = document.documentElement;
  const root = html.dataset.root || "";
  const storagePrefix = "stagefeed:" + (html.dataset.festival || "site") + ":";
  const storageKey = storagePrefix + "stars";
  const friendsKey = storagePrefix + "friends";
  const reminderKey = storagePrefix + "reminder";
  const MAX_FRIENDS = 4;
  // The page's language's strings, with {name} placeholders.
  let strings = {};
  try {
    strings = JSON.parse(document.getElementById("site-strings").textContent);
  } catch (error) {
    // A theme without the strings element: the English below stands in.
  }
  function say(key, fallback, values) {
    let text = typeof strings[key] === "string" ? strings[key] : fallback;
    for (const name of Object.keys(values || {})) text = text.split("{" + name + "}").join(values[name]);
    return text;
  }
  const plurals = new Intl.PluralRules(html.lang || "en");
  const numbers = new Intl.NumberFormat(html.lang || "en");
  // A number as the page's language writes it ("8,199", "8.199").
  function number(count) { return numbers.format(count); }
  // A count in the language's singular or plural ("KEY_one" / "KEY_other").
  function sayCount(key, count, fallbacks, values) {
    const form = plurals.select(count) === "one" ? "one" : "other";
    return say(key + "_" + form, fallbacks[form], Object.assign({ count: number(count) }, values));
  }
  // What the page says of the festival: days, time zone, the way home and to the search index.
  // The days come as [date, start, end] in minutes from `base`; the scripts use {date, start, end}
  // with the times in milliseconds.
  let site = { days: [], home: root, root: root, search: root + "search/index.json", zone: "UTC" };
  try {
    site = Object.assign(site, JSON.parse(document.getElementById("site-data").textContent));
    const minute = 60 * 1000;
    site.days = site.days.map((day) =>
      Array.isArray(day) ? { date: day[0], start: (site.base + day[1]) * minute, end: (site.base + day[2]) * minute } : day);
  } catch (error) {
    // A theme without the data element: no festival clock, no search.
  }

  function readJSON(key, fallback) {
    try {
      const value = JSON.parse(localStorage.getItem(key) || "null");
      return value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }
  function writeJSON(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Private browsing or storage full: it lasts until the page closes.
    }
  }

  function loadStars() {
    const stored = readJSON(storageKey, []);
    return new Set(Array.isArray(stored) ? stored.filter((id) => typeof id === "string") : []);
  }
  function saveStars(stars) { writeJSON(storageKey, [...stars]); }

  // Friends: [{name, colour (1-6), codes: [share codes]}], at most four.
  function loadFriends() {
    const stored = readJSON(friendsKey, []);
    if (!Array.isArray(stored)) return [];
    return stored.filter((friend) => friend && typeof friend.name === "string" && Array.isArray(friend.codes))
      .slice(0, MAX_FRIENDS)
      .map((friend) => ({ name: friend.name.slice(0, 40), colour: String(friend.colour || "1").replace(/[^1-6]/g, "") || "1",
        codes: friend.codes.filter((code) => typeof code === "string") }));
  }
  function saveFriends(friends) { writeJSON(friendsKey, friends.slice(0, MAX_FRIENDS)); }

  // The festival clock (assets/clock.js): the device's, or ?now= for testing.
  const festivalClock = typeof StagefeedClock === "object" ? StagefeedClock.create(site.zone, location.search) : null;
  function now() { return festivalClock ? festivalClock.now() : Date.now(); }

  // Times as the page shows them: the festival's zone, the page's language and clock.
  const clockOptions = { timeZone: site.zone, hour: "numeric", minute: "2-digit" };
  if (html.dataset.clock === "12h") clockOptions.hourCycle = "h12";
  if (html.dataset.clock === "24h") { clockOptions.hourCycle = "h23"; clockOptions.hour = "2-digit"; }
  let timeFormat = null;
  function clockTime(instant) {
    if (!timeFormat) timeFormat = new Intl.DateTimeFormat(html.lang || "en", clockOptions);
    return timeFormat.format(new Date(instant));
  }
  // A day's short label as the page's navigation has it ("Sat"), else (a long program's
  // navigation lists weeks) its weekday and date as the page's language writes them
  // ("Sat, Jul 24"); looked up once per day (a search lists a dozen sets per keystroke on
  // pages of thousands of nodes).
  const dayLabels = new Map();
  let dateFormat = null;
  function dayLabel(date) {
    if (!dayLabels.has(date)) {
      // Not from a long program's row of one week's days: every day is said the same way.
      const link = document.querySelector('nav:not(.day-group) a[data-date="' + CSS.escape(date) + '"]');
      dayLabels.set(date, link ? link.textContent.trim() : datedDay(date));
    }
    return dayLabels.get(date);
  }
  function datedDay(date) {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!parts) return date;
    if (!dateFormat) {
      dateFormat = new Intl.DateTimeFormat(html.lang || "en",
        { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
    }
    return dateFormat.format(new Date(Date.UTC(+parts[1], parts[2] - 1, +parts[3], 12)));
  }
  function dayHref(date) { return site.home + "days/" + date + "/index.html"; }

  let stars = loadStars();

  function showStars() {
    for (const button of document.querySelectorAll("button[data-star]")) {
      button.hidden = false;
      button.setAttribute("aria-pressed", stars.has(button.dataset.star) ? "true" : "false");
    }
  }

  const listeners = [];
  // Calls `listener` whenever stars or friends change (here or in another tab).
  function onChange(listener) { listeners.push(listener); }
  function changed() {
    for (const listener of listeners) listener();
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("button[data-star]");
    if (!button) return;
    const id = button.dataset.star;
    stars = loadStars();
    if (stars.has(id)) stars.delete(id); else stars.add(id);
    saveStars(stars);
    showStars();
    if (document.getElementById("schedule-data")) {
      renderMySchedule();
      const same = document.querySelector('#my-schedule button[data-star="' + CSS.escape(id) + '"]');
      if (same) same.focus();
    }
    changed();
  });

  // Stars or friends changed in another tab or window.
  window.addEventListener("storage", (event) => {
    if (event.key !== storageKey && event.key !== friendsKey) return;
    stars = loadStars();
    showStars();
    if (document.getElementById("schedule-data")) renderMySchedule();
    changed();
  });

  // Sets on now are highlighted, sets already over are dimmed.
  function markNow() {
    const instant = now();
    for (const item of document.querySelectorAll("[data-start][data-end]")) {
      const start = Date.parse(item.dataset.start);
      const end = Date.parse(item.dataset.end);
      item.classList.toggle("is-now", start <= instant && instant < end);
      item.classList.toggle("is-past", end <= instant);
    }
  }

  // Offline: say so, and how old the timetable on screen is.
  function showConnection() {
    const notice = document.getElementById("offline");
    const updated = document.getElementById("updated");
    if (!notice) return;
    if (navigator.onLine === false) {
      notice.textContent = updated
        ? say("offline_notice", "You are offline. This is the timetable as of {time}.", { time: updated.textContent })
        : say("offline_notice_unknown", "You are offline. This is the timetable as of your last visit.");
      notice.hidden = false;
    } else {
      notice.hidden = true;
    }
  }

  function element(name, text, className) {
    const node = document.createElement(name);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // A friend's badge: their initial on their colour, their name for assistive technology.
  function friendBadge(friend) {
    const badge = element("span", undefined, "friend-mark friend-" + friend.colour);
    badge.title = friend.name;
    badge.setAttribute("aria-hidden", "true");
    badge.textContent = Array.from(friend.name.trim())[0] || "?";
    return badge;
  }

  // Whether two sets ({start, end} as ISO texts) overlap.
  function overlaps(one, other) {
    return Date.parse(one.start) < Date.parse(other.end) && Date.parse(other.start) < Date.parse(one.end);
  }

  // "My schedule": the starred sets by day, clashes marked, as a calendar file and a link,
  // with friends' picks beside them.
  let schedule = null;
  function scheduleData() {
    if (schedule) return schedule;
    try {
      schedule = JSON.parse(document.getElementById("schedule-data").textContent);
    } catch (error) {
      schedule = { event: "", sets: [] };
    }
    schedule.byCode = new Map(schedule.sets.map((set) => [set.code, set]));
    schedule.byID = new Map(schedule.sets.map((set) => [set.id, set]));
    return schedule;
  }

  // The sets of a shared link as share codes (#share=code.code), or null when there is none.
  // Older links list calendar UIDs (#share=uid,uid).
  function sharedParts() {
    const match = /(?:^#|&)share=([^&]*)/.exec(location.hash);
    if (!match) return null;
    const parts = [];
    for (const part of match[1].split(/[.,]/)) {
      try {
        if (part) parts.push(decodeURIComponent(part));
      } catch (error) {
        // A mangled link: skip that part.
      }
    }
    return parts.length > 0 ? parts : null;
  }
  function sharedSets() {
    const parts = sharedParts();
    if (!parts) return null;
    const data = scheduleData();
    return parts.map((part) => data.byCode.get(part) || data.byID.get(part)).filter(Boolean);
  }

  function icsText(event, sets, reminder) {
    const escape = (text) => text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
    const stamp = (date) => date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const encoder = new TextEncoder();
    const fold = (line) => {
      let out = "";
      let octets = 0;
      for (const character of line) {
        const size = encoder.encode(character).length;
        if (octets + size > 75) { out += "\r\n "; octets = 1; }
        out += character;
        octets += size;
      }
      return out;
    };
    const stampNow = stamp(new Date());
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//stagefeed//my schedule//EN", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(say("my_schedule_calendar", "My schedule · {event}", { event: event }))];
    for (const set of sets) {
      lines.push("BEGIN:VEVENT", "UID:" + set.uid, "DTSTAMP:" + stampNow,
        "DTSTART:" + stamp(new Date(set.start)), "DTEND:" + stamp(new Date(set.end)),
        "SUMMARY:" + escape(set.name), "LOCATION:" + escape(set.stage));
      if (/^https?:$/.test(location.protocol)) lines.push("URL:" + new URL(set.href, location.href).href);
      if (reminder) {
        lines.push("BEGIN:VALARM", "ACTION:DISPLAY",
          "DESCRIPTION:" + escape(say("reminder_alarm", "{name} starts soon on {stage}", { name: set.name, stage: set.stage })),
          "TRIGGER:-PT" + reminder + "M", "END:VALARM");
      }
      lines.push("END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  // The reminder chosen for the calendar file: minutes before a set, or 0 for none.
  function reminderMinutes() {
    const select = document.getElementById("my-reminder");
    const value = select ? select.value : "15";
    return /^\d+$/.test(value) ? Number(value) : 0;
  }

  function updateCalendarLink(data, sets) {
    document.getElementById("my-ics").href = "data:text/calendar;charset=utf-8," +
      encodeURIComponent(icsText(data.event, sets, reminderMinutes()));
  }

  function renderMySchedule() {
    const data = scheduleData();
    const shared = sharedSets();
    const mine = (shared || data.sets.filter((set) => stars.has(set.id)));
    const mineIDs = new Set(mine.map((set) => set.id));
    // Friends' picks show beside one's own (not beside a shared link being looked at).
    const friends = shared ? [] : loadFriends();
    const pickers = new Map();
    for (const friend of friends) {
      for (const code of friend.codes) {
        const set = data.byCode.get(code);
        if (!set) continue;
        if (!pickers.has(set.id)) pickers.set(set.id, []);
        pickers.get(set.id).push(friend);
      }
    }
    const shown = data.sets.filter((set) => mineIDs.has(set.id) || pickers.has(set.id))
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.name.localeCompare(b.name));
    const ordered = shown.filter((set) => mineIDs.has(set.id));
    const clashes = new Map(ordered.map((set) => [set.id, []]));
    for (let i = 0; i < ordered.length; i++) {
      for (let j = i + 1; j < ordered.length && Date.parse(ordered[j].start) < Date.parse(ordered[i].end); j++) {
        clashes.get(ordered[i].id).push(ordered[j].name);
        clashes.get(ordered[j].id).push(ordered[i].name);
      }
    }
    const container = document.getElementById("my-schedule");
    container.replaceChildren();
    let list = null;
    let day = null;
    for (const set of shown) {
      if (set.day !== day) {
        day = set.day;
        container.append(element("h2", set.dayTitle));
        list = element("ol", undefined, "sets");
        container.append(list);
      }
      const item = element("li");
      item.dataset.start = set.start;
      item.dataset.end = set.end;
      item.dataset.id = set.id;
      item.dataset.code = set.code;
      const what = element("span", undefined, "what");
      const link = element("a", set.name);
      link.href = set.href;
      what.append(link, element("span", set.stage, "where"));
      const friendsHere = pickers.get(set.id) || [];
      if (friendsHere.length > 0) {
        const marks = element("span", undefined, "friend-marks");
        for (const friend of friendsHere) marks.append(friendBadge(friend));
        marks.append(element("span", say("picked_by", "Picked by {names}", { names: friendsHere.map((friend) => friend.name).join(", ") })));
        what.append(marks);
        item.classList.add("is-friends");
      }
      if (mineIDs.has(set.id)) {
        if (clashes.get(set.id).length > 0) {
          what.append(element("span", say("clashes_with", "Clashes with {names}", { names: clashes.get(set.id).join(", ") }), "clash"));
          item.classList.add("has-clash");
        }
      } else {
        item.classList.add("is-friend-only");
        const against = ordered.filter((other) => overlaps(set, other)).map((other) => other.name);
        if (against.length > 0) {
          what.append(element("span", say("clashes_with_yours", "Clashes with your pick: {names}", { names: against.join(", ") }), "clash"));
          item.classList.add("has-clash");
        }
      }
      const star = element("button", undefined, "star");
      star.type = "button";
      star.dataset.star = set.id;
      star.append(element("span", say("star", "Star {name} (my schedule)", { name: set.name }), "visually-hidden"));
      item.append(element("span", set.time, "time"), what, star);
      list.append(item);
    }
    document.getElementById("my-empty").hidden = shown.length > 0;
    const sharedBox = document.getElementById("my-shared");
    sharedBox.hidden = !shared || shared.length === 0;
    document.getElementById("my-tools").hidden = mine.length === 0;
    updateCalendarLink(data, ordered);
    document.getElementById("my-share").href = "#share=" + ordered.map((set) => encodeURIComponent(set.code)).join(".");
    renderFriends(shared ? loadFriends() : friends);
    showStars();
    markNow();
  }

  // The friends on "my schedule": each with their colour, count and a remove button; the
  // offer to add the shared link's owner when there is room.
  function renderFriends(friends) {
    const section = document.getElementById("my-friends");
    const list = document.getElementById("friends-list");
    if (!section || !list) return;
    list.replaceChildren();
    for (const [index, friend] of friends.entries()) {
      const item = element("li");
      const name = element("bdi", friend.name, "friend-name");
      const remove = element("button", say("friend_remove", "Remove {name}", { name: friend.name }), "friend-remove");
      remove.type = "button";
      remove.dataset.friend = String(index);
      item.append(friendBadge(friend), " ", name, " ",
        element("span", sayCount("friend_picks", friend.codes.length, { one: "{count} pick", other: "{count} picks" }), "muted"),
        " ", remove);
      list.append(item);
    }
    section.hidden = friends.length === 0;
    const full = friends.length >= MAX_FRIENDS;
    const fullNote = document.getElementById("friend-full");
    const add = document.getElementById("friend-add");
    if (fullNote) fullNote.hidden = !full;
    if (add) add.disabled = full;
  }

  function setUpMySchedule() {
    renderMySchedule();
    window.addEventListener("hashchange", renderMySchedule);
    const reminder = document.getElementById("my-reminder");
    if (reminder) {
      const saved = readJSON(reminderKey, null);
      if (saved !== null && [...reminder.options].some((option) => option.value === String(saved))) reminder.value = String(saved);
      reminder.addEventListener("change", () => {
        writeJSON(reminderKey, reminder.value);
        renderMySchedule();
      });
      renderMySchedule();
    }
    document.getElementById("my-keep").addEventListener("click", () => {
      stars = loadStars();
      for (const set of sharedSets() || []) stars.add(set.id);
      saveStars(stars);
      history.replaceState(null, "", location.pathname + location.search);
      renderMySchedule();
      changed();
    });
    const form = document.getElementById("friend-form");
    if (form) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const friends = loadFriends();
        const name = form.elements.name.value.trim();
        const sets = sharedSets() || [];
        if (!name || friends.length >= MAX_FRIENDS || sets.length === 0) return;
        const colour = (form.querySelector('input[name="colour"]:checked') || { value: "1" }).value;
        friends.push({ name: name.slice(0, 40), colour: colour, codes: sets.map((set) => set.code) });
        saveFriends(friends);
        form.reset();
        history.replaceState(null, "", location.pathname + location.search);
        renderMySchedule();
        const status = document.getElementById("friend-status");
        if (status) status.textContent = say("friend_added", "{name}'s picks now show beside yours.", { name: name });
        const heading = document.getElementById("friends-heading");
        if (heading) {
          heading.tabIndex = -1;
          heading.focus();
        }
        changed();
      });
    }
    const friendsList = document.getElementById("friends-list");
    if (friendsList) friendsList.addEventListener("click", (event) => {
      const button = event.target.closest && event.target.closest("button[data-friend]");
      if (!button) return;
      const friends = loadFriends();
      friends.splice(Number(button.dataset.friend), 1);
      saveFriends(friends);
      renderMySchedule();
      const next = document.querySelector("#friends-list button[data-friend]") || document.getElementById("my-schedule");
      if (next && next.focus) next.focus();
      changed();
    });
  }

  window.Stagefeed = {
    site: site, say: say, sayCount: sayCount, number: number, element: element, now: now, clock: festivalClock,
    clockTime: clockTime, dayLabel: dayLabel, dayHref: dayHref, storagePrefix: storagePrefix,
    readJSON: readJSON, writeJSON: writeJSON, stars: () => stars, friends: loadFriends, friendBadge: friendBadge,
    overlaps: overlaps, onChange: onChange
  };

  // Warnings and emergencies set with `stagefeed announce` (never info) as a banner: on a
  // stage's page those for every screen and for that stage, elsewhere those for every
  // screen and for the board. Each goes at its end by this device's clock. The banner is
  // only rewritten when what it says changes, so a screen reader hears each alert once.
  let announced = "";
  let announcementsTimer = 0;
  function showAnnouncements() {
    const box = document.getElementById("announcements");
    if (!box || !box.dataset.feed || !/^https?:$/.test(location.protocol)) return;
    const stage = (/\/stages\/([a-z0-9-]+)\/(index\.html)?$/.exec(location.pathname) || [])[1] || "board";
    const tag = (html.lang || "en").toLowerCase();
    fetch(box.dataset.feed, { cache: "no-cache" })
      .then((response) => (response.ok ? response.json() : null))
      .then((feed) => {
        const now = Date.now();
        const shown = (feed && Array.isArray(feed.announcements) ? feed.announcements : []).filter((item) =>
          (item.level === "warning" || item.level === "emergency") && Date.parse(item.end) > now
          && Array.isArray(item.screens) && item.screens.some((screen) => screen === "all" || screen === stage))
          .map((item) => {
            const texts = item.texts || {};
            return {
              end: Date.parse(item.end),
              level: item.level,
              label: say("announcement_" + item.level, item.level === "warning" ? "Warning" : "Emergency"),
              text: texts[tag] || texts[tag.split("-")[0]] || item.text,
            };
          });
        // The next to end goes then, not at the next poll.
        clearTimeout(announcementsTimer);
        const ends = shown.map((item) => item.end - now);
        if (ends.length && Math.min(...ends) < 60000) announcementsTimer = setTimeout(showAnnouncements, Math.min(...ends) + 50);
        const signature = JSON.stringify(shown);
        if (signature === announced) return;
        announced = signature;
        box.replaceChildren(...shown.map((item) => {
          const line = element("p", undefined, "announcement " + item.level);
          line.append(element("strong", item.label + ": "), item.text);
          return line;
        }));
        box.hidden = shown.length === 0;
      })
      .catch(() => { /* offline and never loaded: no banner */ });
  }

  document.addEventListener("DOMContentLoaded", () => {
    showAnnouncements();
    setInterval(showAnnouncements, 60000);
    showStars();
    markNow();
    setInterval(markNow, 60000);
    showConnection();
    window.addEventListener("online", showConnection);
    window.addEventListener("offline", showConnection);
    if (document.getElementById("schedule-data")) setUpMySchedule();
    if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
      navigator.serviceWorker.register(root + "sw.js").catch(() => {});
      keepPictures();
    }
  });
  // The pictures this page shows go through the service worker once it controls the page,
  // which keeps them for reading offline (the first visit loaded them before it did).
  function keepPictures() {
    const fetchPictures = () => {
      for (const image of document.querySelectorAll("img[src]")) {
        if (image.src.includes("/images/")) fetch(image.src).catch(() => {});
      }
    };
    if (navigator.serviceWorker.controller) fetchPictures();
    else navigator.serviceWorker.addEventListener("controllerchange", fetchPictures, { once: true });
  }
})();
