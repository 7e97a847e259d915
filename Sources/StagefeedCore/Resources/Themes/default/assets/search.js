// stagefeed default theme: the search field in every page's header. It loads the
// export's search index (search/index.json) on first use; the service worker keeps it
// for offline use. Matching ignores case, accents and width ("bjork" finds "Björk",
// "nandu" finds "Ñandú"); kana, Cyrillic and other scripts match by their own letters.
// Every word typed must occur; names that start with what was typed come first. Enter
// opens the first result. window.StagefeedSearch.load() is shared with timetable.js.
(() => {
  "use strict";
  const shared = window.Stagefeed;
  if (!shared) return;
  const LIMIT = 12;
  const EXTRA = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };
  const marks = /\p{M}/gu;
  const extras = /[ßæœøłđðþı]/g;
  const separators = /[\s\p{P}\p{S}]+/gu;

  // Lowercase, compatibility-decomposed, without combining marks, punctuation and symbols
  // as single spaces: the same on the index and the query. Plain ASCII text (most names)
  // takes a shorter way to the same result.
  const ascii = /^[\x20-\x7e]*$/;
  const asciiSeparators = /[\s!-\/:-@\[-`{-~]+/g;
  function fold(text) {
    if (ascii.test(text)) return text.toLowerCase().replace(asciiSeparators, " ");
    return text.toLowerCase().normalize("NFKD").replace(marks, "").replace(extras, (letter) => EXTRA[letter])
      .replace(separators, " ");
  }

  let loading = null;
  // The index, read once: {days, stages, artists, kinds, sets, records}, or a rejection.
  function load() {
    if (!loading) {
      loading = fetch(shared.site.search)
        .then((response) => {
          if (!response.ok) throw new Error("search index: " + response.status);
          return response.json();
        })
        .then(prepare);
      loading.catch(() => { loading = null; });
    }
    return loading;
  }

  // The index made ready to search: a record per stage, artist and set, each with its
  // folded text, in the order results are listed within a rank.
  function prepare(index) {
    const minute = 60000;
    const base = index.base * minute;
    const days = index.days.map((day) => ({ date: day[0], start: base + day[1] * minute, end: base + day[2] * minute }));
    const artistSets = index.artists.map(() => []);
    const sets = index.sets.map((row) => {
      const artist = row[2] >= 0 ? index.artists[row[2]] : null;
      const start = base + row[5] * minute;
      const set = {
        code: row[0], name: row[1] === 0 && artist ? artist[0] : String(row[1]), artist: row[2], stage: row[3],
        day: days[row[4]] ? days[row[4]].date : "", start: start, end: start + row[6] * minute,
        kinds: row[7] || [], lineup: row[8] || []
      };
      if (row[2] >= 0) artistSets[row[2]].push(set);
      for (const member of set.lineup) if (member !== row[2]) artistSets[member].push(set);
      return set;
    });
    const records = [];
    index.stages.forEach((stage, position) => {
      records.push({ kind: "stage", name: stage[0], text: " " + fold(stage[0]), slug: stage[1], position: position });
    });
    index.artists.forEach((artist, position) => {
      records.push({ kind: "artist", name: artist[0], text: " " + fold(artist[0]), slug: artist[1], sets: artistSets[position] });
    });
    for (const set of sets) {
      // A set under its artist's name with nothing more to find it by is the artist's
      // result already (which lists its sets).
      if (set.artist >= 0 && index.artists[set.artist][0] === set.name && set.kinds.length === 0 && set.lineup.length === 0) {
        continue;
      }
      const words = [set.name];
      if (set.artist >= 0 && index.artists[set.artist][0] !== set.name) words.push(index.artists[set.artist][0]);
      for (const member of set.lineup) if (member !== set.artist) words.push(index.artists[member][0]);
      for (const kind of set.kinds) if (index.kinds[kind] !== undefined) words.push(index.kinds[kind]);
      records.push({ kind: "set", name: set.name, text: " " + fold(words.join(" ")), set: set });
    }
    // Every record's folded text in one string, each after a line break, so one native
    // search finds the records a word occurs in; `starts` holds where each record begins.
    const starts = new Uint32Array(records.length + 1);
    let length = 0;
    records.forEach((record, position) => {
      starts[position] = length;
      length += record.text.length + 1;
    });
    starts[records.length] = length;
    const ready = {
      days: days, stages: index.stages, artists: index.artists, kinds: index.kinds, sets: sets, records: records,
      zone: index.zone, text: records.map((record) => record.text).join("\n") + "\n", starts: starts
    };
    // One search and one time formatted while loading compile the matching loop and make
    // the time format, so the first keystroke is as quick as the rest.
    find(ready, "e");
    shared.clockTime(Date.now());
    return ready;
  }

  // How well a record matches: 0 its name starts with the query, 1 a word of it starts
  // with the first word typed, 2 every word occurs somewhere; -1 no match. Record texts
  // start with a space, so " " + a word finds the word's start.
  function rank(text, start, first, words) {
    for (let i = 0; i < words.length; i++) if (text.indexOf(words[i]) < 0) return -1;
    if (text.startsWith(start)) return 0;
    return text.indexOf(first) >= 0 ? 1 : 2;
  }

  // The record whose text holds offset `at` of the joined text, from `from` on.
  function recordAt(starts, from, at) {
    if (starts[from + 1] > at) return from;
    let low = from + 1, high = starts.length - 2;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= at) low = middle; else high = middle - 1;
    }
    return low;
  }

  // The matches of `text` in rank order (stages, artists, sets within a rank), and how many.
  // The joined text is searched for the longest word typed; only the records it occurs in
  // are ranked, so a keystroke costs what it finds, not the size of the festival.
  function find(index, text) {
    const query = fold(text).trim();
    if (!query) return { query: query, results: [], count: 0 };
    const words = query.split(" ");
    const start = " " + query, first = " " + words[0];
    let longest = words[0];
    for (const word of words) if (word.length > longest.length) longest = word;
    const { records, starts } = index;
    const joined = index.text;
    const buckets = [[], [], []];
    let count = 0;
    let position = 0;
    let at = joined.indexOf(longest);
    while (at >= 0) {
      position = recordAt(starts, position, at);
      const record = records[position];
      const score = words.length === 1 && buckets[0].length === LIMIT ? 2 : rank(record.text, start, first, words);
      if (score >= 0) {
        count++;
        if (buckets[score].length < LIMIT) buckets[score].push(record);
      }
      position++;
      if (position === records.length) break;
      at = joined.indexOf(longest, starts[position]);
    }
    return { query: query, results: buckets[0].concat(buckets[1], buckets[2]).slice(0, LIMIT), count: count };
  }

  function setLine(index, set, withStage) {
    const stage = index.stages[set.stage];
    return shared.dayLabel(set.day) + " " + shared.clockTime(set.start) + "–" + shared.clockTime(set.end)
      + (withStage && stage ? " · " + stage[0] : "");
  }

  function href(index, record) {
    const home = shared.site.home;
    if (record.kind === "stage") return home + "stages/" + record.slug + "/index.html";
    if (record.kind === "artist") return home + "artists/" + record.slug + "/index.html";
    return shared.dayHref(record.set.day) + "#set-" + record.set.code;
  }

  function detail(index, record) {
    if (record.kind === "stage") return shared.say("stage", "Stage");
    if (record.kind === "artist") {
      const first = record.sets[0];
      const artist = shared.say("search_artist", "Artist");
      if (!first) return artist;
      return artist + " · " + setLine(index, first, true) + (record.sets.length > 1 ? " +" + (record.sets.length - 1) : "");
    }
    return setLine(index, record.set, true);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const box = document.getElementById("search");
    const form = document.getElementById("search-form");
    const input = document.getElementById("search-input");
    const list = document.getElementById("search-results");
    const status = document.getElementById("search-status");
    if (!box || !form || !input || !list || !status) return;
    box.hidden = false;
    // The phone keyboard's Enter key says "go" (not in the markup: the Nu checker's HTML predates it).
    input.enterKeyHint = "go";
    let index = null;
    let answered = "";

    function close() {
      list.hidden = true;
    }

    function show(found) {
      list.replaceChildren();
      for (const record of found.results) {
        const item = shared.element("li", undefined, "result result-" + record.kind);
        const link = shared.element("a");
        link.href = href(index, record);
        const name = shared.element("bdi", record.name, "result-name");
        link.append(name, shared.element("span", detail(index, record), "result-detail"));
        item.append(link);
        list.append(item);
      }
      if (found.count > found.results.length) {
        list.append(shared.element("li", shared.say("search_more", "{count} more: keep typing to narrow it down.",
          { count: shared.number(found.count - found.results.length) }), "result-more"));
      }
      if (found.count === 0) {
        list.append(shared.element("li", shared.say("search_none", "Nothing found for “{query}”.", { query: input.value.trim() }), "result-none"));
      }
      status.textContent = shared.sayCount("search_count", found.count, { one: "{count} result", other: "{count} results" });
      list.hidden = false;
    }

    function answer() {
      const text = input.value;
      if (!text.trim()) {
        answered = text;
        list.replaceChildren();
        status.textContent = "";
        close();
        return;
      }
      if (!index) {
        load().then((ready) => {
          index = ready;
          answer();
        }, () => {
          status.textContent = shared.say("search_unavailable", "Search is not available: open the site once while online.");
          list.replaceChildren(shared.element("li", status.textContent, "result-none"));
          list.hidden = false;
        });
        return;
      }
      answered = text;
      show(find(index, text));
    }

    input.addEventListener("focus", () => {
      load().then((ready) => { index = ready; }, () => {});
      if (input.value.trim() && list.childElementCount > 0) list.hidden = false;
    });
    input.addEventListener("input", answer);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (answered !== input.value) answer();
      const first = list.querySelector("a");
      if (first) location.href = first.href;
    });
    // Arrow keys move between the field and the results; Escape closes them.
    box.addEventListener("keydown", (event) => {
      const links = [...list.querySelectorAll("a")];
      const position = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && links.length > 0) {
        event.preventDefault();
        links[Math.min(links.length - 1, position + 1)].focus();
      } else if (event.key === "ArrowUp" && position >= 0) {
        event.preventDefault();
        if (position === 0) input.focus(); else links[position - 1].focus();
      } else if (event.key === "Escape") {
        close();
        input.focus();
      }
    });
    document.addEventListener("click", (event) => {
      if (!box.contains(event.target)) close();
    });
    box.addEventListener("focusout", (event) => {
      if (event.relatedTarget && !box.contains(event.relatedTarget)) close();
    });
  });

  window.StagefeedSearch = { load: load, fold: fold, find: (index, text) => find(index, text) };
})();
