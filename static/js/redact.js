// Drawing layer of the redaction page (progressive enhancement: without it the form takes typed
// lines "x, y, width, height"). Boxes are kept in pixels of the upright original.
"use strict";
(() => {
  const stage = document.getElementById("redact-stage");
  if (!stage) {
    return;
  }
  const image = document.getElementById("redact-image");
  const layer = document.getElementById("redact-layer");
  const field = document.getElementById("regions");
  const width = Number(stage.dataset.width);
  const height = Number(stage.dataset.height);
  const boxPattern = /^\s*(\d+)[\s,;]+(\d+)[\s,;]+(\d+)[\s,;]+(\d+)\s*$/;
  let drag = null;

  const clamp = (value, low, high) => Math.min(Math.max(value, low), high);
  const scale = () => image.clientWidth / width; // screen pixels per original pixel

  function drawn() {
    return field.value
      .split("\n")
      .map((line) => boxPattern.exec(line))
      .filter(Boolean)
      .map((match) => match.slice(1, 5).map(Number));
  }

  function suggestions() {
    return [...document.querySelectorAll("input.redact-suggestion")].map((input) => ({
      input,
      box: input.value.split(",").map(Number),
    }));
  }

  function outline(context, box, style, dashed) {
    const s = scale();
    context.setLineDash(dashed ? [6, 4] : []);
    context.strokeStyle = style;
    context.lineWidth = 2;
    context.strokeRect(box[0] * s, box[1] * s, box[2] * s, box[3] * s);
  }

  function fill(context, box) {
    const s = scale();
    context.fillStyle = "rgba(0, 0, 0, 0.7)";
    context.fillRect(box[0] * s, box[1] * s, box[2] * s, box[3] * s);
  }

  function draw() {
    const context = layer.getContext("2d");
    context.clearRect(0, 0, layer.width, layer.height);
    for (const { input, box } of suggestions()) {
      if (input.checked) {
        fill(context, box);
        outline(context, box, "#d9a400", false);
      } else {
        outline(context, box, "#ffd23f", true);
        context.fillStyle = "#ffd23f";
        context.font = "12px sans-serif";
        context.fillText(window.pageWord ? window.pageWord("suggested", "suggested") : "suggested", box[0] * scale() + 4, box[1] * scale() + 14);
      }
    }
    for (const box of drawn()) {
      fill(context, box);
      outline(context, box, "#d23f3f", false);
    }
    if (drag) {
      outline(context, normalized(drag), "#ffffff", true);
    }
  }

  function fit() {
    layer.width = image.clientWidth;
    layer.height = image.clientHeight;
    draw();
  }

  function point(event) {
    const rect = layer.getBoundingClientRect();
    return [
      clamp((event.clientX - rect.left) / scale(), 0, width),
      clamp((event.clientY - rect.top) / scale(), 0, height),
    ];
  }

  function normalized({ start, end }) {
    const x = Math.floor(Math.min(start[0], end[0]));
    const y = Math.floor(Math.min(start[1], end[1]));
    const right = clamp(Math.ceil(Math.max(start[0], end[0])), 0, width);
    const bottom = clamp(Math.ceil(Math.max(start[1], end[1])), 0, height);
    return [x, y, right - x, bottom - y];
  }

  function toggleSuggestionAt([x, y]) {
    for (const { input, box } of suggestions()) {
      if (x >= box[0] && x <= box[0] + box[2] && y >= box[1] && y <= box[1] + box[3]) {
        input.checked = !input.checked;
        return;
      }
    }
  }

  layer.addEventListener("pointerdown", (event) => {
    const start = point(event);
    drag = { start, end: start };
    layer.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  layer.addEventListener("pointermove", (event) => {
    if (drag) {
      drag.end = point(event);
      draw();
    }
  });
  layer.addEventListener("pointerup", (event) => {
    if (!drag) {
      return;
    }
    drag.end = point(event);
    const box = normalized(drag);
    const screen = Math.max(box[2], box[3]) * scale();
    if (screen < 4) {
      toggleSuggestionAt(drag.start); // a click, not a drag
    } else {
      const text = field.value.replace(/\s+$/, "");
      field.value = (text ? text + "\n" : "") + box.join(", ");
    }
    drag = null;
    draw();
  });
  layer.addEventListener("pointercancel", () => {
    drag = null;
    draw();
  });

  document.getElementById("redact-undo").addEventListener("click", () => {
    const lines = field.value.split("\n").filter((line) => line.trim());
    lines.pop();
    field.value = lines.join("\n");
    draw();
  });
  field.addEventListener("input", draw);
  document.addEventListener("change", (event) => {
    if (event.target.classList.contains("redact-suggestion")) {
      draw();
    }
  });
  for (const element of document.querySelectorAll(".js-only")) {
    element.hidden = false;
  }
  layer.hidden = false;
  if (image.complete) {
    fit();
  }
  image.addEventListener("load", fit);
  window.addEventListener("resize", fit);
})();
