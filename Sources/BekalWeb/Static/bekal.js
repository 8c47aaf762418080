/* Bekal: progressive enhancement only; every page works without it. */
"use strict";
/* A form marked data-once is sent once: a second tap while the first is on its way does nothing.
   (The server would record the visit once anyway: its natural key makes a repeat a no-op.) */
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute || !form.hasAttribute("data-once")) return;
  if (form.dataset.sent === "1") { event.preventDefault(); return; }
  form.dataset.sent = "1";
  var button = form.querySelector("button[type=submit]");
  if (button) { button.setAttribute("aria-busy", "true"); button.textContent = "Menyimpan…"; }
});
