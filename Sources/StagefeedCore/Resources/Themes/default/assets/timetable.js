// stagefeed default theme: a day page's tools and the index's "on now". Filters by stage
// (remembered in this browser), by stars and by genre or activity; while the festival
// runs, a line across the grid at the current time and a "Now" button that scrolls to it
// (the festival clock is the signage's: assets/clock.js, ?now= for testing); friends'
// picks beside one's own; on the index, what is on now and next on each stage.
(() => {
  "use strict";
  const shared = window.Stagefeed;
  if (!shared || typeof StagefeedClock !== "object") return;
  const filtersKey = shared.storagePrefix + "filters";
  const say = shared.say;
  const element = shared.element;

  function starred(item) {
    const button = item.querySelector("button[data-star]");
    return !!button && shared.stars().has(button.dataset.star);
  }

  // Filters: which stages, only starred sets, one genre or activity. The hidden stages,
  // the stars-only switch and the kind are remembered for every day page.
  function setUpFilters(tools) {
    const boxes = [...tools.querySelectorAll('input[name="stage"]')];
    const onlyStarred = document.getElementById("filter-starred");
    const kind = document.getElementById("filter-kind");
    const status = document.getElementById("filter-status");
    const timetable = document.querySelector(".timetable");
    const saved = shared.readJSON(filtersKey, {});
    const remembered = new Set(Array.isArray(saved.hidden) ? saved.hidden : []);
    for (const box of boxes) box.checked = !remembered.has(box.value);
    if (onlyStarred) onlyStarred.checked = saved.starred === true;
    if (kind && typeof saved.kind === "string" && [...kind.options].some((option) => option.value === saved.kind)) {
      kind.value = saved.kind;
    }

    function save() {
      shared.writeJSON(filtersKey, {
        hidden: boxes.filter((box) => !box.checked).map((box) => box.value),
        starred: !!(onlyStarred && onlyStarred.checked),
        kind: kind ? kind.value : (typeof saved.kind === "string" ? saved.kind : "")
      });
    }

    function apply() {
      const hidden = new Set(boxes.filter((box) => !box.checked).map((box) => box.value));
      const wantStars = !!(onlyStarred && onlyStarred.checked);
      const wantKind = kind ? kind.value : "";
      let total = 0;
      let shown = 0;
      for (const item of document.querySelectorAll("li[data-code]")) {
        const visible = !hidden.has(item.dataset.stage) && (!wantStars || starred(item))
          && (!wantKind || (item.dataset.kinds || "").split(" ").includes(wantKind));
        item.hidden = !visible;
        if (item.closest("#list")) {
          total += 1;
          if (visible) shown += 1;
        }
      }
      if (timetable) {
        let columns = 0;
        for (const column of timetable.querySelectorAll(".column")) {
          column.hidden = hidden.has(column.dataset.stage);
          if (!column.hidden) columns += 1;
        }
        timetable.style.setProperty("--stages", String(Math.max(1, columns)));
      }
      const active = hidden.size > 0 || wantStars || !!wantKind;
      status.textContent = active ? say("filter_status", "Showing {shown} of {total} sets.", { shown: shown, total: total }) : "";
      document.dispatchEvent(new Event("stagefeed:layout"));
    }

    tools.addEventListener("change", (event) => {
      if (event.target.closest(".filters")) {
        save();
        apply();
      }
    });
    document.getElementById("filter-reset").addEventListener("click", () => {
      for (const box of boxes) box.checked = true;
      if (onlyStarred) onlyStarred.checked = false;
      if (kind) kind.value = "";
      save();
      apply();
    });
    shared.onChange(apply);
    apply();
  }

  // Now: the line across the grid, the "Now" button (or, on another day's page, a link to
  // today's), redrawn every half minute on the device's clock.
  function setUpNow(tools) {
    const clock = shared.clock;
    const date = tools.dataset.day;
    const button = document.getElementById("now-button");
    const link = document.getElementById("now-link");
    const timetable = document.querySelector(".timetable");
    let line = null;

    function gridSpan() {
      const start = Date.parse(timetable.dataset.gridStart);
      const rows = parseInt(timetable.style.getPropertyValue("--rows"), 10);
      return { start: start, end: start + rows * Number(timetable.dataset.slot) * 1000 };
    }

    function drawLine(instant) {
      if (!timetable) return;
      const span = gridSpan();
      const marks = timetable.querySelector(".hour-marks");
      const showing = instant !== null && instant >= span.start && instant <= span.end && timetable.offsetParent !== null;
      if (!showing) {
        if (line) line.hidden = true;
        return;
      }
      if (!line) {
        line = element("div", undefined, "now-line");
        line.setAttribute("aria-hidden", "true");
        line.append(element("span", "", "now-time"));
        timetable.prepend(line);
      }
      const box = timetable.getBoundingClientRect();
      const rows = marks.getBoundingClientRect();
      const top = rows.top - box.top - timetable.clientTop + timetable.scrollTop
        + (instant - span.start) / (span.end - span.start) * rows.height;
      line.style.top = top.toFixed(2) + "px";
      line.style.width = timetable.scrollWidth + "px";
      line.firstChild.textContent = shared.clockTime(instant);
      line.dataset.instant = String(instant);
      line.hidden = false;
    }

    function draw() {
      const instant = clock.now();
      const today = StagefeedClock.dayDuring(shared.site.days, instant);
      const here = !!today && today.date === date;
      button.hidden = !here;
      link.hidden = !today || here;
      if (today && !here) {
        link.textContent = say("now_on_day", "Now: {day}", { day: shared.dayLabel(today.date) });
        link.href = shared.dayHref(today.date) + (clock.nowText ? "?now=" + encodeURIComponent(clock.nowText) : "") + "#now";
      }
      drawLine(here ? instant : null);
    }

    // The grid when it shows (the line a third down its frame), else the list's set on now
    // or the next one.
    function goToNow() {
      const instant = clock.now();
      draw();
      if (line && !line.hidden) {
        timetable.scrollIntoView({ block: "start" });
        timetable.scrollTop = Math.max(0, parseFloat(line.style.top) - timetable.clientHeight / 3);
        timetable.focus({ preventScroll: true });
        return;
      }
      const rows = [...document.querySelectorAll("#list li[data-start]")].filter((row) => !row.hidden);
      const target = rows.find((row) => Date.parse(row.dataset.start) <= instant && instant < Date.parse(row.dataset.end))
        || rows.find((row) => Date.parse(row.dataset.start) > instant) || rows[rows.length - 1];
      if (!target) return;
      target.tabIndex = -1;
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    }

    button.addEventListener("click", goToNow);
    window.addEventListener("resize", draw);
    // A page opened at #grid shows its grid (:target) only once the fragment is applied.
    window.addEventListener("load", draw);
    window.addEventListener("hashchange", draw);
    document.addEventListener("stagefeed:layout", draw);
    draw();
    if (clock.frozen === null) setInterval(draw, 30000);
    if (location.hash === "#now") goToNow();
  }

  // Friends' picks beside one's own: each friend's initial on their colour, and, on a
  // pick of theirs that is not one's own, the starred sets it clashes with.
  function markFriends() {
    const friends = shared.friends();
    const pickers = new Map();
    for (const friend of friends) {
      for (const code of friend.codes) {
        if (!pickers.has(code)) pickers.set(code, []);
        pickers.get(code).push(friend);
      }
    }
    const mine = [...document.querySelectorAll("#list li[data-code]")].filter(starred).map((row) => ({
      code: row.dataset.code, start: row.dataset.start, end: row.dataset.end,
      name: (row.querySelector(".what bdi") || row).textContent.trim()
    }));
    for (const item of document.querySelectorAll("li[data-code]")) {
      for (const old of item.querySelectorAll(".friend-marks")) old.remove();
      const who = pickers.get(item.dataset.code);
      item.classList.toggle("is-friends", !!who);
      if (!who) continue;
      const marks = element("span", undefined, "friend-marks");
      for (const friend of who) marks.append(shared.friendBadge(friend));
      marks.append(element("span", say("picked_by", "Picked by {names}", { names: who.map((friend) => friend.name).join(", ") }), "visually-hidden"));
      if (!starred(item)) {
        const set = { start: item.dataset.start, end: item.dataset.end };
        const against = mine.filter((other) => other.code !== item.dataset.code && shared.overlaps(set, other))
          .map((other) => other.name);
        if (against.length > 0) {
          marks.append(element("span", say("clashes_with_yours", "Clashes with your pick: {names}", { names: against.join(", ") }), "clash"));
        }
      }
      (item.querySelector(".what") || item).append(marks);
    }
  }

  // The index: each stage's set on now and the next one, from the search index, while a
  // festival day runs.
  function setUpOnNow(section) {
    const clock = shared.clock;
    const list = document.getElementById("on-now-list");
    if (!window.StagefeedSearch || !list || !StagefeedClock.dayDuring(shared.site.days, clock.now())) return;

    function setLink(set, text) {
      const link = element("a");
      link.href = shared.dayHref(set.day) + "#set-" + set.code;
      link.append(element("bdi", text));
      return link;
    }

    function draw(index) {
      const instant = clock.now();
      const today = StagefeedClock.dayDuring(shared.site.days, instant);
      list.replaceChildren();
      if (today) {
        const byStage = index.stages.map(() => []);
        for (const set of index.sets) if (byStage[set.stage]) byStage[set.stage].push(set);
        index.stages.forEach((stage, position) => {
          const where = StagefeedClock.situation(byStage[position], today.date, instant);
          if (where.today.length === 0 && !where.current) return;
          const item = element("li");
          const name = element("a");
          name.href = shared.site.home + "stages/" + stage[1] + "/index.html";
          name.append(element("bdi", stage[0]));
          const now = element("span", undefined, "on-now-act");
          if (where.current) {
            now.append(setLink(where.current, where.current.name), " ",
              element("span", say("on_now_until", "until {time}", { time: shared.clockTime(where.current.end) }), "muted"));
          } else {
            now.textContent = where.state === "before" ? say("not_started", "Not started")
              : where.state === "finished" ? say("done_today", "Done for today") : say("changeover", "Changeover");
          }
          item.append(name, now);
          if (where.next) {
            const next = element("span", undefined, "on-now-next");
            const text = say("on_now_next", "Next: {name}, {time}", { name: "\u0000", time: shared.clockTime(where.next.start) });
            const parts = text.split("\u0000");
            next.append(parts[0], setLink(where.next, where.next.name), parts.slice(1).join(""));
            item.append(next);
          }
          list.append(item);
        });
      }
      section.hidden = list.childElementCount === 0;
    }

    window.StagefeedSearch.load().then((index) => {
      draw(index);
      if (clock.frozen === null) setInterval(() => draw(index), 60000);
    }, () => {});
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!shared.clock) return;
    const tools = document.getElementById("day-tools");
    if (tools) {
      tools.hidden = false;
      setUpFilters(tools);
      setUpNow(tools);
      markFriends();
      shared.onChange(markFriends);
    }
    const onNow = document.getElementById("on-now");
    if (onNow) setUpOnNow(onNow);
  });
})();
