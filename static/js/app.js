// Progressive enhancement only: every page works without JavaScript.
"use strict";
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const message = button && button.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    return;
  }
  // A second submit of the same form while the first is on its way (a double click) is
  // dropped: it would record the same thing twice. Downloads do not leave the page, so the
  // guard lifts after a few seconds.
  const form = event.target;
  if (form.method.toLowerCase() !== "post") {
    return;
  }
  if (form.dataset.sending) {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "1";
  window.setTimeout(() => { delete form.dataset.sending; }, 4000);
});
