// stagefeed default theme: stars and "my schedule" (kept in this browser only), sets
// on now, the offline notice, the announcements' banner and the service worker. The site
// works without it.
(() => {
  "use strict";
  const html = document.documentElement;
  const root = html.dataset.root || "";
  const storageKey = "stagefeed:" + (html.dataset.festival || "site") + ":stars";
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

  function loadStars() {
    try {
      const stored = JSON.parse(localStorage.getItem(storageKey) || "[]");
      return new Set(Array.isArray(stored) ? stored.filter((id) => typeof id === "string") : []);
    } catch (error) {
      return new Set();
    }
  }

  function saveStars(stars) {
    try {
      localStorage.setItem(storageKey, JSON.stringify([...stars]));
    } catch (error) {
      // Private browsing or storage full: the stars last until the page closes.
    }
  }

  let stars = loadStars();

  function showStars() {
    for (const button of document.querySelectorAll("button[data-star]")) {
      button.hidden = false;
      button.setAttribute("aria-pressed", stars.has(button.dataset.star) ? "true" : "false");
    }
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
  });

  // Stars changed in another tab or window.
  window.addEventListener("storage", (event) => {
    if (event.key !== storageKey) return;
    stars = loadStars();
    showStars();
    if (document.getElementById("schedule-data")) renderMySchedule();
  });

  // Sets on now are highlighted, sets already over are dimmed.
  function markNow() {
    const now = Date.now();
    for (const item of document.querySelectorAll("[data-start][data-end]")) {
      const start = Date.parse(item.dataset.start);
      const end = Date.parse(item.dataset.end);
      item.classList.toggle("is-now", start <= now && now < end);
      item.classList.toggle("is-past", end <= now);
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

  // "My schedule": the starred sets by day, clashes marked, as a calendar file and a link.
  function scheduleData() {
    try {
      return JSON.parse(document.getElementById("schedule-data").textContent);
    } catch (error) {
      return { event: "", sets: [] };
    }
  }

  // The sets of a shared link (#share=id,id), or null when there is none.
  function sharedIDs() {
    const match = /(?:^#|&)share=([^&]*)/.exec(location.hash);
    if (!match) return null;
    const ids = [];
    for (const part of match[1].split(",")) {
      try {
        if (part) ids.push(decodeURIComponent(part));
      } catch (error) {
        // A mangled link: skip that part.
      }
    }
    return ids.length > 0 ? ids : null;
  }

  function element(name, text, className) {
    const node = document.createElement(name);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function icsText(event, sets) {
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
    const now = stamp(new Date());
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//stagefeed//my schedule//EN", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(say("my_schedule_calendar", "My schedule · {event}", { event: event }))];
    for (const set of sets) {
      lines.push("BEGIN:VEVENT", "UID:" + set.uid, "DTSTAMP:" + now,
        "DTSTART:" + stamp(new Date(set.start)), "DTEND:" + stamp(new Date(set.end)),
        "SUMMARY:" + escape(set.name), "LOCATION:" + escape(set.stage));
      if (/^https?:$/.test(location.protocol)) lines.push("URL:" + new URL(set.href, location.href).href);
      lines.push("END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function renderMySchedule() {
    const data = scheduleData();
    const shared = sharedIDs();
    const chosen = shared ? new Set(shared) : stars;
    const sets = data.sets.filter((set) => chosen.has(set.id))
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.name.localeCompare(b.name));
    const clashes = new Map(sets.map((set) => [set.id, []]));
    for (let i = 0; i < sets.length; i++) {
      for (let j = i + 1; j < sets.length && Date.parse(sets[j].start) < Date.parse(sets[i].end); j++) {
        clashes.get(sets[i].id).push(sets[j].name);
        clashes.get(sets[j].id).push(sets[i].name);
      }
    }
    const container = document.getElementById("my-schedule");
    container.replaceChildren();
    let list = null;
    let day = null;
    for (const set of sets) {
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
      const what = element("span", undefined, "what");
      const link = element("a", set.name);
      link.href = set.href;
      what.append(link, element("span", set.stage, "where"));
      if (clashes.get(set.id).length > 0) {
        what.append(element("span", say("clashes_with", "Clashes with {names}", { names: clashes.get(set.id).join(", ") }), "clash"));
        item.classList.add("has-clash");
      }
      const star = element("button", undefined, "star");
      star.type = "button";
      star.dataset.star = set.id;
      star.append(element("span", say("star", "Star {name} (my schedule)", { name: set.name }), "visually-hidden"));
      item.append(element("span", set.time, "time"), what, star);
      list.append(item);
    }
    document.getElementById("my-empty").hidden = sets.length > 0;
    document.getElementById("my-shared").hidden = !shared || sets.length === 0;
    document.getElementById("my-tools").hidden = sets.length === 0;
    document.getElementById("my-ics").href = "data:text/calendar;charset=utf-8," + encodeURIComponent(icsText(data.event, sets));
    document.getElementById("my-share").href = "#share=" + sets.map((set) => encodeURIComponent(set.id)).join(",");
    showStars();
    markNow();
  }

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
    if (document.getElementById("schedule-data")) {
      renderMySchedule();
      window.addEventListener("hashchange", renderMySchedule);
      document.getElementById("my-keep").addEventListener("click", () => {
        const known = new Set(scheduleData().sets.map((set) => set.id));
        stars = loadStars();
        for (const id of sharedIDs() || []) if (known.has(id)) stars.add(id);
        saveStars(stars);
        history.replaceState(null, "", location.pathname);
        renderMySchedule();
      });
    }
    if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
      navigator.serviceWorker.register(root + "sw.js").catch(() => {});
    }
  });
})();
