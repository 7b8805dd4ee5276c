// Progressive enhancement only: every page works without JavaScript.
"use strict";

// The words the scripts show, in the page's language: data- attributes of #js-words, which the
// template renders translated (English as written here when a page has none). {name} in a
// word is replaced by values.name.
window.pageWord = (key, fallback, values = {}) => {
  const box = document.getElementById("js-words");
  const text = (box && box.dataset[key]) || fallback;
  return text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
};
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
    button.textContent = window.pageWord("copied", "Copied");
  } catch {
    if (source.select) {
      source.select();
    }
    button.textContent = window.pageWord("copyByHand", "Press Ctrl+C to copy");
  }
});
document.querySelectorAll("[data-copy]").forEach((button) => { button.hidden = false; });

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
      const name = (caption || heading || { textContent: window.pageWord("table", "Table") }).textContent.trim();
      box.dataset.scrolls = "1";
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", window.pageWord("tableScrolls", "{name} (table, scrolls sideways)", { name }));
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
