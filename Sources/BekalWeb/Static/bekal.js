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
/* A text with a limit counts as she types: "1.234 dari 4.000 huruf", and says so when it is over
   (the server refuses an over-long text whole; it never cuts one). */
function bekalCount(area) {
  var hint = document.getElementById(area.getAttribute("aria-describedby") || "");
  if (!hint) return;
  var limit = parseInt(area.dataset.limit, 10), used = Array.from(area.value).length;
  var format = function (n) { return n.toLocaleString("id-ID"); };
  hint.textContent = format(used) + " dari " + format(limit) + " huruf" + (used > limit ? " — terlalu panjang, persingkat " + format(used - limit) + " huruf." : ".");
  hint.classList.toggle("over", used > limit);
}
document.addEventListener("input", function (event) {
  if (event.target.matches && event.target.matches("textarea[data-limit]")) bekalCount(event.target);
});
document.querySelectorAll("textarea[data-limit]").forEach(bekalCount);
