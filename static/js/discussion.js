// General discussion: live clocks and the room screen's polling. Pages work without this file
// (the room screen then reloads itself every few seconds).
(function () {
  "use strict";

  // Responses the discussion pages send that htmx 2 would otherwise mishandle.
  if (window.htmx) {
    var handling = window.htmx.config.responseHandling;
    // 304 Not Modified has no body: nothing changed, keep what is shown.
    handling.unshift({ code: "304", swap: false });
    // A refused action (400 bad input, 409 stale) comes back with its explanation: show it.
    handling.unshift({ code: "40[09]", swap: true });
  }

  // Ask "changed since this version?": the server answers 304 before rendering anything.
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    var etag = elt && elt.getAttribute("data-etag");
    if (etag && event.detail.verb === "get") {
      event.detail.headers["If-None-Match"] = etag;
    }
    // A poll lost in a dropped network must fail, not hang: the next one retries.
    if (elt && elt.hasAttribute("data-room-poll")) event.detail.timeout = POLL_TIMEOUT_MS;
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.status === 304) {
      event.detail.shouldSwap = false;
      return;
    }
    // A browser may answer from its cache with a 200 of the same version: nothing to do either.
    var etag = event.detail.elt && event.detail.elt.getAttribute("data-etag");
    if (etag && xhr.getResponseHeader("ETag") === etag) {
      event.detail.shouldSwap = false;
    }
  });

  // The room screen's poll: every second while the server answers. After a failed poll (the
  // network dropped, a server restarting) it shows a discreet "reconnecting" notice and tries
  // again after 1, 2, 4, then every 8 seconds (spread a little, so that hundreds of screens do
  // not all return at once), until the server answers; the page is never reloaded.
  var POLL_MS = 1000;
  var POLL_TIMEOUT_MS = 8000;
  var MAX_BACKOFF_MS = 8000;
  var failures = 0;
  var pollTimer = null;

  function schedulePoll(delay) {
    if (pollTimer) window.clearTimeout(pollTimer);
    pollTimer = window.setTimeout(function () {
      pollTimer = null;
      var screen = document.querySelector("[data-room-poll]");
      if (screen && window.htmx) window.htmx.trigger(screen, "room-poll");
    }, delay);
  }

  function showReconnecting(on) {
    var notice = document.getElementById("room-reconnecting");
    if (notice) notice.hidden = !on;
    document.body.classList.toggle("room-offline", on);
  }

  // The polls in flight. The swap replaces the screen, so htmx then reports the end of its
  // poll on a parent element: the request, not the element, says whose poll it was.
  var polls = new WeakSet();
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-room-poll") && event.detail.xhr) {
      polls.add(event.detail.xhr);
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.xhr || !polls.has(event.detail.xhr)) return;
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 200 || status === 304) {
      failures = 0;
      showReconnecting(false);
      schedulePoll(POLL_MS);
      return;
    }
    failures += 1;
    showReconnecting(true);
    var delay = Math.min(MAX_BACKOFF_MS, POLL_MS * Math.pow(2, failures - 1));
    schedulePoll(delay * (0.85 + Math.random() * 0.3));
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector("[data-room-poll]")) schedulePoll(POLL_MS);
  });

  // Clocks: the server gives when the running stretch started and its own time at rendering;
  // the display counts from those, the server stays the truth at every update.
  var offsets = new WeakMap();

  function format(seconds) {
    var sign = seconds < 0 ? "\u2212" : "";
    var s = Math.abs(seconds);
    var rest = s % 60;
    return sign + Math.floor(s / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-clock]").forEach(function (clock) {
      if (!offsets.has(clock)) {
        // A screen whose panels were rendered earlier carries the server's time on its wrapper.
        var holder = clock.closest("[data-now]");
        var serverNow = Number(
          holder ? holder.getAttribute("data-now") : clock.getAttribute("data-server-now")
        );
        offsets.set(clock, serverNow ? serverNow - now : 0);
      }
      var started = Number(clock.getAttribute("data-started"));
      if (!started) return;
      var elapsed = Math.max(0, Math.floor((now + offsets.get(clock) - started) / 1000));
      var base = Number(clock.getAttribute("data-base"));
      var down = clock.getAttribute("data-direction") === "down";
      var value = down ? base - elapsed : base + elapsed;
      var text = format(value);
      if (clock.textContent !== text) clock.textContent = text;
      if (!down) return;
      var scope = clock.closest("[data-clock-scope]");
      if (!scope) return;
      scope.classList.toggle("overrun", value < 0);
      var marker = scope.querySelector("[data-overrun-marker]");
      if (marker) marker.hidden = value >= 0;
    });
  }

  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:load", tick);
  window.setInterval(tick, 250);

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });
})();
