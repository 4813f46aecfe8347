// The projector: a screen that cannot scroll. Scale the text so that the room screen fills the
// frame without overflowing it, again after every update and when the window changes size.
(function () {
  "use strict";

  var MIN_PX = 9;

  function fits(frame) {
    return frame.scrollHeight <= frame.clientHeight + 1 && frame.scrollWidth <= frame.clientWidth + 1;
  }

  function fit() {
    var frame = document.querySelector("[data-fit]");
    if (!frame) return;
    // Never larger than legible from the back of the room needs: about 1/14 of the height.
    var lo = MIN_PX;
    var hi = Math.max(MIN_PX, Math.min(window.innerHeight / 14, window.innerWidth / 22));
    frame.style.fontSize = hi + "px";
    if (fits(frame)) lo = hi;
    for (var i = 0; i < 10 && hi - lo > 0.5; i++) {
      var mid = (lo + hi) / 2;
      frame.style.fontSize = mid + "px";
      if (fits(frame)) lo = mid;
      else hi = mid;
    }
    frame.style.fontSize = lo + "px";
    frame.setAttribute("data-fitted", "true");
  }

  var pending = false;
  function refit() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fit();
    });
  }

  document.addEventListener("DOMContentLoaded", fit);
  document.addEventListener("htmx:afterSettle", refit);
  window.addEventListener("resize", refit);
  // A running clock may gain a digit ("9:59" to "10:00"): fit again if the text outgrew the frame.
  window.setInterval(function () {
    var frame = document.querySelector("[data-fit]");
    if (frame && !fits(frame)) refit();
  }, 2000);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(refit);
})();
