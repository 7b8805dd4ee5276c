// The forms' helpers (progressive enhancement, like app.js, which loads first): the incident
// form's "Add a missing agency" dialog, the session warning, drafts kept as the user types,
// and rows added, moved and removed in place.

// "Add a missing agency" on the incident form: a dialog whose form posts on its own (JSON), so
// the incident form keeps everything typed; the new agency is ticked and offered in every
// agency list of the page. Without JavaScript the page links to the agencies page instead.
(() => {
  const opener = document.querySelector("[data-open-dialog='add-agency']");
  const dialog = document.getElementById("add-agency");
  if (!opener || !dialog || typeof dialog.showModal !== "function") {
    return;
  }
  opener.hidden = false;
  document.querySelectorAll("[data-without-js]").forEach((el) => { el.hidden = true; });
  const form = dialog.querySelector("form");
  const errors = form.querySelector("[data-errors]");
  opener.addEventListener("click", () => dialog.showModal());
  dialog.querySelector("[data-close-dialog]").addEventListener("click", () => dialog.close());
  const addChoice = (name, agency, checked) => {
    const list = document.querySelector(`ul#${name}`);
    if (!list) {
      return;
    }
    const n = list.querySelectorAll("input").length;
    const item = document.createElement("li");
    const box = document.createElement("input");
    Object.assign(box, { type: "checkbox", name, value: String(agency.id), id: `${name}-${n}`, checked });
    const label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = agency.name;
    item.append(box, " ", label);
    list.append(item);
  };
  const list = errors.querySelector("ul");
  const showErrors = (summary) => {
    // the error summary of the dialog: each message leads to its field, marked invalid
    for (const [target, message] of summary) {
      const li = document.createElement("li");
      const field = target && document.getElementById(target);
      if (field) {
        const link = document.createElement("a");
        link.href = `#${target}`;
        link.textContent = message;
        li.append(link);
        field.setAttribute("aria-invalid", "true");
      } else {
        li.textContent = message;
      }
      list.append(li);
    }
    errors.hidden = false;
    errors.focus();
  };
  errors.addEventListener("click", (event) => {
    const field = fieldOf(event.target.closest("a[href^='#']"));
    if (field) {
      event.preventDefault();
      field.focus();
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    delete form.dataset.sending;
    list.replaceChildren();
    errors.hidden = true;
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const failed = window.pageWord("agencyFailed", "The agency was not added: please try again.");
    const answer = await response.json().catch(() => ({ summary: [[null, failed]] }));
    if (!response.ok) {
      showErrors(answer.summary || [[null, failed]]);
      return;
    }
    addChoice("agencies", answer, true);
    if (answer.local) {
      addChoice("agencies_287g", answer, false);
    }
    document.querySelectorAll("select[name$='-agency_id'], select[name$='-operator_agency_id']").forEach((select) => {
      select.append(new Option(answer.name, String(answer.id)));
    });
    document.getElementById("agency-added").textContent = window.pageWord("agencyAdded", "“{name}” added and ticked.", { name: answer.name });
    form.reset();
    dialog.close();
  });
})();

// No lost work. (1) Before the session's idle limit, a warning with "Stay signed in".
(() => {
  const meta = document.querySelector("meta[name='session-idle-minutes']");
  if (!meta) {
    return;
  }
  const idle = Number(meta.content) * 60 * 1000;
  const warnBefore = Math.min(2 * 60 * 1000, idle / 2);
  let timer;
  const banner = document.createElement("div");
  banner.className = "session-warning";
  banner.setAttribute("role", "alert");
  banner.hidden = true;
  const seconds = Math.round(warnBefore / 1000);
  const left = seconds >= 120
    ? window.pageWord("minutes", "{count} minutes", { count: Math.round(seconds / 60) })
    : seconds >= 60 ? window.pageWord("oneMinute", "1 minute") : window.pageWord("seconds", "{count} seconds", { count: seconds });
  const message = document.createElement("p");
  message.textContent = window.pageWord("sessionEnds", "Your session ends in {left} unless you continue. Unsaved changes are kept as a draft.", { left });
  banner.append(message);
  const stay = document.createElement("button");
  stay.type = "button";
  stay.className = "button button--primary";
  stay.textContent = window.pageWord("stay", "Stay signed in");
  banner.append(stay);
  document.body.prepend(banner);
  const restart = () => {
    window.clearTimeout(timer);
    banner.hidden = true;
    timer = window.setTimeout(() => { banner.hidden = false; stay.focus(); }, idle - warnBefore);
  };
  stay.addEventListener("click", async () => {
    const answer = await fetch(meta.dataset.ping, { credentials: "same-origin", redirect: "manual" });
    if (answer.status === 204) {
      restart();
    } else {
      window.location.reload();
    }
  });
  document.addEventListener("draft-saved", restart);
  restart();
})();

// (2) The incident form keeps a draft on the server as the user types, asks before leaving
// with unsaved changes, and a save that meets an ended session comes back after sign-in.
(() => {
  const form = document.querySelector("form[data-draft-key]");
  const pendingKey = (key) => `pending-save:${key}`;
  if (!form) {
    // any other page (but signing in) ends a pending save: it was saved, or refused
    if (!window.location.pathname.startsWith("/auth/")) {
      Object.keys(sessionStorage).filter((k) => k.startsWith("pending-save:")).forEach((k) => sessionStorage.removeItem(k));
    }
    return;
  }
  const key = form.dataset.draftKey;
  const pending = sessionStorage.getItem(pendingKey(key));
  sessionStorage.removeItem(pendingKey(key));
  if (pending && form.hasAttribute("data-fresh")) {
    // back from signing in: keep what was being saved as the draft, and open it
    const body = new URLSearchParams(JSON.parse(pending));
    body.set("csrf_token", form.querySelector("input[name='csrf_token']").value);
    fetch(form.dataset.draftUrl, { method: "POST", body, credentials: "same-origin" }).then((answer) => {
      if (answer.status === 204) {
        window.location.search = "?draft=1";
      }
    });
    return;
  }
  let dirty = false;
  let submitting = false;
  const saveDraft = async () => {
    if (!dirty) {
      return;
    }
    dirty = false;
    const answer = await fetch(form.dataset.draftUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      redirect: "manual",
    }).catch(() => null);
    if (answer && answer.status === 204) {
      document.dispatchEvent(new Event("draft-saved"));
    } else {
      dirty = true;
    }
  };
  form.addEventListener("input", () => { dirty = true; });
  form.addEventListener("change", () => { dirty = true; });
  window.setInterval(saveDraft, 10000);
  form.addEventListener("submit", () => {
    submitting = true;
    sessionStorage.setItem(pendingKey(key), JSON.stringify([...new FormData(form)].filter(([, v]) => typeof v === "string")));
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();

// Rows in place: "Add a person", "Move up", "Remove" and the like on the incident form ask the
// server for the form with the row added, moved or removed (the same post as without JavaScript)
// and put it in place of the form, without a page load: the page stays where it was and focus
// goes to the new row, to the moved row's button (a status line says where it went), or to the
// section after a removal. Everything typed is posted, so nothing is lost.
(() => {
  const form = document.querySelector("form[data-draft-key]");
  if (!form) {
    return;
  }
  form.addEventListener("click", async (event) => {
    const button = event.target.closest("button[name='action']");
    if (!button || !/^(add|remove|up|down):/.test(button.value)) {
      return;
    }
    event.preventDefault();
    const section = button.closest("fieldset[id^='section-']");
    const [kind, list] = button.value.split(":");
    const card = button.closest(".row-card");
    const cards = section ? [...section.querySelectorAll(".row-card")] : [];
    const moved = cards.indexOf(card) + (kind === "up" ? -1 : 1);
    const body = new FormData(form);
    body.set("action", button.value);
    // nothing can be typed while the answer is on its way: it would be lost in the swap
    const sections = [...form.querySelectorAll("fieldset")];
    sections.forEach((fieldset) => { fieldset.disabled = true; });
    form.setAttribute("aria-busy", "true");
    const answer = await fetch(window.location.href, { method: "POST", body, credentials: "same-origin" }).catch(() => null);
    const text = answer && answer.ok ? await answer.text() : "";
    const fresh = new DOMParser().parseFromString(text, "text/html").querySelector("form[data-draft-key]");
    form.removeAttribute("aria-busy");
    if (!fresh) {
      sections.forEach((fieldset) => { fieldset.disabled = false; });
      form.requestSubmit(button);  // let the page do it the ordinary way
      return;
    }
    const scroll = window.scrollY;
    form.innerHTML = fresh.innerHTML;
    window.scrollTo(0, scroll);
    const again = section && document.getElementById(section.id);
    if (again && (kind === "up" || kind === "down")) {
      const row = again.querySelectorAll(".row-card")[moved];
      const same = row && (row.querySelector(`button[value^='${kind}:${list}:']`) || row.querySelector("button[value^='up:'], button[value^='down:']"));
      if (same) {
        same.focus();
      }
      const status = document.getElementById("row-status");
      const heading = row && row.querySelector("h2");
      if (status && heading) {
        status.textContent = window.pageWord(kind === "up" ? "movedUp" : "movedDown", `Moved ${kind}: now {row}.`, { row: heading.textContent.trim() });
      }
    } else if (again) {
      const rows = again.querySelectorAll(".row-card, .row");
      const target = kind === "add" && rows.length ? rows[rows.length - 1] : again;
      const first = target.querySelector("input:not([type=hidden]), select, textarea");
      (first || again).focus();
      const status = document.getElementById("row-status");
      const heading = kind === "add" && target.querySelector("h2");
      if (status) {
        status.textContent = heading ? window.pageWord("added", "Added: {row}.", { row: heading.textContent.trim() }) : window.pageWord("removed", "Removed.");
      }
    }
    form.dispatchEvent(new Event("input", { bubbles: true }));  // a changed form: keep a draft
  });
})();
