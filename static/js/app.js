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
    const answer = await response.json().catch(() => ({ summary: [[null, "The agency was not added: please try again."]] }));
    if (!response.ok) {
      showErrors(answer.summary || [[null, "The agency was not added: please try again."]]);
      return;
    }
    addChoice("agencies", answer, true);
    if (answer.local) {
      addChoice("agencies_287g", answer, false);
    }
    document.querySelectorAll("select[name$='-agency_id'], select[name$='-operator_agency_id']").forEach((select) => {
      select.append(new Option(answer.name, String(answer.id)));
    });
    document.getElementById("agency-added").textContent = `“${answer.name}” added and ticked.`;
    form.reset();
    dialog.close();
  });
})();

// Copy buttons: a button with data-copy="#id" copies that element's text.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) {
    return;
  }
  const source = document.querySelector(button.dataset.copy);
  const value = source.value !== undefined ? source.value : source.textContent.trim();
  try {
    await navigator.clipboard.writeText(value);
    button.textContent = "Copied";
  } catch {
    if (source.select) {
      source.select();
    }
    button.textContent = "Press Ctrl+C to copy";
  }
});
document.querySelectorAll("[data-copy]").forEach((button) => { button.hidden = false; });

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
  const left = seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : seconds >= 60 ? "1 minute" : `${seconds} seconds`;
  const message = document.createElement("p");
  message.textContent = `Your session ends in ${left} unless you continue. Unsaved changes are kept as a draft.`;
  banner.append(message);
  const stay = document.createElement("button");
  stay.type = "button";
  stay.className = "button button--primary";
  stay.textContent = "Stay signed in";
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
        status.textContent = `Moved ${kind}: now ${heading.textContent.trim()}.`;
      }
    } else if (again) {
      const rows = again.querySelectorAll(".row-card, .row");
      const target = kind === "add" && rows.length ? rows[rows.length - 1] : again;
      const first = target.querySelector("input:not([type=hidden]), select, textarea");
      (first || again).focus();
      const status = document.getElementById("row-status");
      const heading = kind === "add" && target.querySelector("h2");
      if (status) {
        status.textContent = heading ? `Added: ${heading.textContent.trim()}.` : "Removed.";
      }
    }
    form.dispatchEvent(new Event("input", { bubbles: true }));  // a changed form: keep a draft
  });
})();

// The phone menu: a real button that shows and hides the navigation (without JavaScript the
// navigation is simply always shown).
document.documentElement.classList.add("js");

function setUpMenu() {
  const toggle = document.querySelector(".nav-toggle");
  const nav = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!nav) {
    return;
  }
  const show = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("nav--open", open);
  };
  toggle.addEventListener("click", () => show(toggle.getAttribute("aria-expanded") !== "true"));
  nav.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.offsetParent !== null) {
      show(false);
      toggle.focus();
    }
  });
}

// After a failed submit: focus the error summary (screen readers read it, the page scrolls to
// it); its errors are listed in the order of the page, and its links move to the field and show
// the field's label or legend above it.
function fieldOf(link) {
  return link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
}

function setUpErrorSummary() {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return null;
  }
  const list = summary.querySelector("ul");
  const items = Array.from(list.children, (li) => [li, fieldOf(li.querySelector("a"))]);
  items.sort(([, a], [, b]) => {
    if (!a || !b) {
      return (a ? 1 : 0) - (b ? 1 : 0);
    }
    return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  list.append(...items.map(([li]) => li));
  summary.addEventListener("click", (event) => {
    const input = fieldOf(event.target.closest("a[href^='#']"));
    if (!input) {
      return;
    }
    event.preventDefault();
    const folded = input.closest("details");
    if (folded) {
      folded.open = true;
    }
    const group = input.closest("fieldset.field--group");
    const caption = group ? group.querySelector("legend")
      : document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    (caption || input).scrollIntoView({ block: "start" });
    input.focus({ preventScroll: true });
  });
  return summary;
}

// After a redirect to a part of a page (#review, #claims, #evidence…), the messages move into
// that part, under its heading, where the eye is.
function placeMessages() {
  const flashes = document.querySelector("main .flashes");
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!flashes || !target || !target.closest("main") || target.contains(flashes)) {
    return null;
  }
  const heading = (element) => element && /^H[1-6]$/.test(element.tagName);
  if (heading(target)) {
    target.after(flashes); // under the heading the address names
  } else if (/^(SECTION|ARTICLE|DIV|FIELDSET|ASIDE|FORM)$/.test(target.tagName)) {
    const first = target.firstElementChild;
    if (heading(first)) {
      first.after(flashes);
    } else {
      target.prepend(flashes);
    }
  } else {
    const whole = target.closest(".table-wrap, table, ul, ol, dl") || target;
    whole.before(flashes); // just above the row or item
  }
  flashes.classList.add("flashes--moved");
  target.scrollIntoView({ block: "start" });
  flashes.tabIndex = -1;
  return flashes;
}

// Chrome takes the focus away when it scrolls to the address's #part, which it may do after this
// script ran: the focus is given again once the page has loaded, unless the user moved it.
function focusOn(element, scroll) {
  const give = () => element.focus({ preventScroll: !scroll });
  give();
  window.addEventListener("load", () => {
    if (!document.activeElement || document.activeElement === document.body) {
      give();
    }
  }, { once: true });
}

// A table wider than the screen scrolls sideways in its box: the box then takes keyboard focus
// (to scroll with the arrow keys) and is named after its table.
function markScrollers() {
  document.querySelectorAll(".table-wrap").forEach((box) => {
    if (box.scrollWidth > box.clientWidth + 1) {
      const caption = box.querySelector("caption");
      const part = box.closest("section, .panel, main");
      const heading = part && part.querySelector("h1, h2, h3");
      const name = (caption || heading || { textContent: "Table" }).textContent.trim();
      box.dataset.scrolls = "1";
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", `${name} (table, scrolls sideways)`);
    } else if (box.dataset.scrolls) {
      delete box.dataset.scrolls;
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setUpMenu();
  const summary = setUpErrorSummary();
  const messages = placeMessages();
  if (summary) {
    focusOn(summary, true);
  } else if (messages) {
    focusOn(messages, false);
  }
  markScrollers();
  let pending = false;
  window.addEventListener("resize", () => {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(() => { pending = false; markScrollers(); });
    }
  });
});
