// A job's page follows the job: every two seconds it asks where the job stands (status and
// counts only) and updates the bar and the message; when the job ends the page reloads once to
// offer the result. Without JavaScript, the page refreshes itself (a <noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.getAttribute("data-finished") === "yes") { return; }
  var url = box.getAttribute("data-progress");
  var bar = document.getElementById("job-bar");
  var count = document.getElementById("job-count");
  var status = document.getElementById("job-status");
  var message = document.getElementById("job-message");
  var waiting = document.getElementById("job-waiting");

  function show(data) {
    status.textContent = data.label;
    if (data.total) {
      bar.max = data.total;
      bar.value = data.done;
      count.textContent = window.pageWord("countOf", "{done} of {total}", { done: data.done, total: data.total });
    }
    if (message.textContent !== data.message) { message.textContent = data.message; }
    if (waiting) { waiting.hidden = !data.waiting_long; }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        show(data);
        if (data.finished) { window.location.reload(); return; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
