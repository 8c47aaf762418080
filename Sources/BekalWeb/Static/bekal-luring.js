/* Bekal for the pendamping without signal (issue 17): progressive enhancement only; every page
   still works without it, online.

   What the phone keeps, in IndexedDB "bekal-luring":
   - "kv"/"caseload": her own caseload as /luring/data gives it (names, codes, kelompok, due days;
     no NIK, no outcome, no note of an earlier visit), wiped after keepUntil, on sign-out, and when
     the office says her session ended;
   - "queue": what she saved here, each with a key made on the phone, until the office answers.
     A recorded item keeps only its kind, day and code (for "terkirim"), for keepDays; a refused
     one keeps its fields and the office's reason, for her to correct or delete.
   The service worker (/sw.js) keeps the page shell only: no one's data is in it. */
"use strict";
(function () {
  var root = document.documentElement;
  var userMeta = document.querySelector("meta[name=bekal-pengguna]");
  if (!("indexedDB" in window)) return;
  var me = userMeta ? userMeta.content : null;
  var DB_NAME = "bekal-luring", BATCH = 50;
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
  var dbPromise = null, sending = null, sessionEnded = false;

  /* ---- storage ---- */
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore("kv");
          request.result.createObjectStore("queue", { keyPath: "key" });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }
  function run(store, mode, body) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var tx = database.transaction(store, mode), result;
        var request = body(tx.objectStore(store));
        if (request) request.onsuccess = function () { result = request.result; };
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
      });
    });
  }
  var kv = {
    get: function (key) { return run("kv", "readonly", function (s) { return s.get(key); }); },
    put: function (key, value) { return run("kv", "readwrite", function (s) { s.put(value, key); }); },
    remove: function (key) { return run("kv", "readwrite", function (s) { s.delete(key); }); }
  };
  var queue = {
    all: function () {
      return run("queue", "readonly", function (s) { return s.getAll(); }).then(function (items) {
        return (items || []).sort(function (a, b) { return a.created - b.created; });
      });
    },
    put: function (item) { return run("queue", "readwrite", function (s) { s.put(item); }); },
    remove: function (key) { return run("queue", "readwrite", function (s) { s.delete(key); }); }
  };
  function closeDb() {
    var closing = dbPromise ? dbPromise.then(function (d) { d.close(); }, function () {}) : Promise.resolve();
    dbPromise = null;
    return closing;
  }
  /* The service worker's cached shell. */
  function dropShell() {
    if (!("caches" in window)) return Promise.resolve();
    return caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k.indexOf("bekal-") === 0; }).map(function (k) { return caches.delete(k); }));
    });
  }
  /* Everything Bekal keeps on this phone: the database and the cached shell. */
  function wipe() {
    return closeDb().then(function () {
      return new Promise(function (resolve) {
        var request = indexedDB.deleteDatabase(DB_NAME);
        request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
      });
    }).then(dropShell);
  }
  window.bekalLuring = { wipe: wipe };

  /* A page of the office without her session (the log-in page, shown online): the session ended
     or was revoked, so her caseload and the cached shell go; what she typed stays, to be sent once
     she signs in again. Nothing is opened (or made) when Bekal keeps nothing here. */
  if (!me) {
    if (!indexedDB.databases) return;
    indexedDB.databases().then(function (dbs) {
      if (!dbs.some(function (d) { return d.name === DB_NAME; })) return;
      return kv.remove("caseload").then(closeDb);
    }).then(dropShell).then(function () { root.dataset.luring = "lupa"; });
    return;
  }

  /* ---- the office ---- */
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function caseload() {
    return kv.get("caseload").then(function (data) {
      if (!data) return null;
      // Past its time the caseload goes, signal or not.
      if (Date.now() > data.keepUntilPhone) return kv.remove("caseload").then(function () { return null; });
      return data;
    });
  }
  function refresh() {
    return fetch("/luring/data", { headers: { Accept: "application/json" }, credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        if (response.status === 401 || response.type === "opaqueredirect") return endSession();
        if (!response.ok) return null;
        return response.json().then(function (data) {
          if (data.username !== me) return null;
          sessionEnded = false;
          // Kept by the phone's own clock: as long after this download as the office says.
          data.fetchedPhone = Date.now();
          data.keepUntilPhone = Date.now() + (Date.parse(data.keepUntil) - Date.parse(data.downloadedAt));
          return kv.put("caseload", data).then(function () { return data; });
        });
      }, function () { return null; });
  }
  /* The office says her session ended: the caseload goes; what she typed stays, for her to send once signed in again. */
  function endSession() {
    sessionEnded = true;
    return kv.remove("caseload").then(function () { return null; });
  }
  function send() {
    if (sending) return sending;
    sending = queue.all().then(function (items) {
      var waiting = items.filter(function (i) { return i.status === "waiting" && i.user === me; });
      if (!waiting.length) return;
      return caseload().then(function (data) { return data || refresh(); }).then(function (data) {
        if (!data) return;
        var parts = [];
        for (var i = 0; i < waiting.length; i += BATCH) parts.push(waiting.slice(i, i + BATCH));
        return parts.reduce(function (previous, part) {
          return previous.then(function (go) { return go === false ? false : sendPart(part, data.token, true); });
        }, Promise.resolve(true));
      });
    }).then(function () { sending = null; render(); }, function () { sending = null; render(); });
    return sending;
  }
  function sendPart(part, token, retry) {
    var body = JSON.stringify({ items: part.map(function (i) { return { key: i.key, kind: i.kind, fields: i.fields }; }) });
    return fetch("/luring/kirim", {
      method: "POST", credentials: "same-origin", redirect: "manual", body: body,
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-Bekal-Token": token }
    }).then(function (response) {
      if (response.status === 401 || response.type === "opaqueredirect") return endSession().then(function () { return false; });
      return response.json().then(function (answer) {
        if (response.status === 403 && answer.problem === "token" && retry) {
          return refresh().then(function (data) { return data ? sendPart(part, data.token, false) : false; });
        }
        if (!response.ok) { note(answer.message || "Kantor tidak menerima kiriman; dicoba lagi nanti."); return false; }
        var byKey = {};
        part.forEach(function (i) { byKey[i.key] = i; });
        return Promise.all(answer.answers.map(function (a) {
          var item = byKey[a.key];
          if (!item) return null;
          if (a.status === "recorded") {
            // What she wrote leaves the phone once the office holds it.
            return queue.put({ key: item.key, kind: item.kind, user: item.user, created: item.created, summary: item.summary,
                               status: "sent", sentAt: Date.now(), replayed: !!a.replayed });
          }
          item.status = "refused"; item.message = a.message; item.field = a.field || null;
          return queue.put(item);
        })).then(function () { return true; });
      });
    }, function () { return false; });
  }

  /* ---- words ---- */
  function day(iso) {
    if (!iso) return "";
    var p = iso.split("-");
    return parseInt(p[2], 10) + " " + MONTHS[parseInt(p[1], 10) - 1] + " " + p[0];
  }
  /* The office's today: the day it said, moved on by the phone's clock since. */
  function officeToday(data) {
    if (!data) return "";
    var base = Date.parse(data.today + "T00:00:00Z"), since = Math.max(0, Date.now() - (data.fetchedPhone || Date.now()));
    return new Date(base + Math.floor(since / 86400000) * 86400000).toISOString().slice(0, 10);
  }
  function element(tag, attributes, text) {
    var e = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function note(text) {
    var status = document.getElementById("luring-status");
    if (status) status.textContent = text;
  }

  /* ---- the page without signal (/luring, or any page opened offline) ---- */
  var page = document.getElementById("luring");
  var current = null;

  function render() {
    if (!page) return Promise.resolve();
    return Promise.all([caseload(), queue.all()]).then(function (got) {
      current = got[0];
      var items = got[1].filter(function (i) { return i.user === me; });
      var online = navigator.onLine;
      var words = online ? "Ada sinyal." : "Tanpa sinyal: isian disimpan di ponsel dan dikirim saat sinyal kembali.";
      if (sessionEnded) words = "Sesi Anda sudah berakhir. Masuk lagi untuk mengirim; isian Anda tetap tersimpan di ponsel.";
      if (current) words += " Daftar binaan diunduh " + day(current.downloadedAt.slice(0, 10)) + ".";
      note(words);
      renderQueue(items);
      renderPeople(current);
    });
  }
  function who(code) {
    if (!code) return "";
    var p = current && current.people.filter(function (x) { return x.code === code; })[0];
    return p ? p.name + " · " + code : code;
  }
  function renderQueue(items) {
    var list = document.getElementById("antrean-daftar");
    list.textContent = "";
    var count = { waiting: 0, refused: 0, sent: 0 };
    items.forEach(function (item) {
      count[item.status] += 1;
      var li = element("li", { "data-key": item.key, "data-status": item.status, class: "queue-" + item.status });
      var kind = item.kind === "visit" ? "Kunjungan" : "Hasil";
      li.appendChild(element("p", {}, kind + " · " + who(item.summary.code) + " · " + day(item.summary.date)));
      var state = { waiting: "Menunggu dikirim", sent: "Diterima kantor", refused: "Ditolak kantor" }[item.status];
      li.appendChild(element("p", { class: "queue-state" }, state));
      if (item.status === "refused") {
        li.appendChild(element("p", { class: "error" }, item.message));
        var fix = element("button", { type: "button", class: "secondary", "data-perbaiki": item.key }, "Perbaiki");
        var drop = element("button", { type: "button", class: "secondary", "data-hapus": item.key }, "Hapus");
        li.appendChild(fix); li.appendChild(drop);
      }
      list.appendChild(li);
    });
    document.getElementById("antrean-ringkas").textContent = count.waiting + " menunggu dikirim, " + count.refused + " ditolak, " +
      count.sent + " diterima kantor.";
    document.getElementById("kirim").disabled = count.waiting === 0 || !navigator.onLine;
  }
  function renderPeople(data) {
    var list = document.getElementById("luring-binaan");
    list.textContent = "";
    document.getElementById("binaan-kosong").hidden = !!(data && data.people.length);
    if (!data) return;
    data.people.forEach(function (p) {
      var li = element("li", { "data-code": p.code, class: "due" });
      li.appendChild(element("p", {}, p.name + " · " + p.code + (p.kelompok ? " · " + p.kelompok : "")));
      var due = p.overdueDays > 0 ? "Terlambat " + p.overdueDays + " hari (jatuh tempo " + day(p.due) + ")"
        : p.overdueDays === 0 ? "Jatuh tempo hari ini" : p.due ? "Jatuh tempo " + day(p.due) : "Tidak ada jadwal";
      li.appendChild(element("p", { class: "hint" }, due));
      li.appendChild(element("button", { type: "button", "data-kunjungan": p.code }, "Kunjungan"));
      li.appendChild(element("button", { type: "button", class: "secondary", "data-hasil": p.code }, "Hasil"));
      list.appendChild(li);
    });
  }
  function options(select, entries, blank) {
    select.textContent = "";
    select.appendChild(element("option", { value: "" }, blank));
    entries.forEach(function (e) { select.appendChild(element("option", { value: e[0] }, e[1])); });
  }
  /* The items whose condition the form asks: the visited kelompok's (or her kelompok's, or the usaha owner's), else all of hers. */
  function equipment(form, fields) {
    var box = document.getElementById("luring-alat-daftar");
    box.textContent = "";
    if (!current) return;
    var person = current.people.filter(function (p) { return p.code === form.beneficiary.value; })[0];
    var business = current.usaha.filter(function (u) { return u.code === form.usaha.value; })[0];
    var group = form.kelompok.value || (person && person.kelompok) || (business && business.owner);
    var groups = current.kelompok.filter(function (k) { return k.code === group; });
    if (!groups.length) groups = current.kelompok;
    var seen = {}, items = [];
    groups.forEach(function (k) { k.equipment.forEach(function (e) { if (!seen[e.code]) { seen[e.code] = 1; items.push(e); } }); });
    document.getElementById("luring-alat").hidden = items.length === 0;
    var conditions = document.getElementById("luring-kondisi").innerHTML;
    items.forEach(function (item) {
      var id = "item-" + item.code, field = element("div", { class: "field" });
      field.appendChild(element("label", { for: id }, item.name));
      var select = element("select", { id: id, name: id });
      select.innerHTML = '<option value="">— tidak diperiksa —</option>' + conditions;
      if (fields && fields[id]) select.value = fields[id][0];
      field.appendChild(select);
      box.appendChild(field);
    });
  }
  function fill(form, fields) {
    Array.from(form.elements).forEach(function (input) {
      if (!input.name) return;
      var values = fields[input.name] || [];
      if (input.type === "radio" || input.type === "checkbox") input.checked = values.indexOf(input.value) >= 0;
      else input.value = values[0] || "";
    });
  }
  function openForm(form, fields, key, refusal) {
    [document.getElementById("luring-kunjungan"), document.getElementById("luring-hasil")].forEach(function (f) { f.hidden = true; });
    form.reset();
    form.dataset.key = key || "";
    if (form.id === "luring-kunjungan") {
      options(form.beneficiary, current ? current.people.map(function (p) { return [p.code, p.name + " · " + p.code]; }) : [], "— tidak ada —");
      options(form.kelompok, current ? current.kelompok.map(function (k) { return [k.code, k.code + " · " + k.name]; }) : [], "— tidak ada —");
      options(form.usaha, current ? current.usaha.map(function (u) { return [u.code, u.name + " · " + u.code]; }) : [], "— tidak ada —");
    }
    fill(form, fields);
    if (form.id === "luring-kunjungan") equipment(form, fields);
    else document.getElementById("hasil-nama").textContent = who(fields.beneficiary && fields.beneficiary[0]);
    var error = form.querySelector("div.error");
    error.hidden = !refusal;
    error.textContent = refusal ? refusal.message : "";
    form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    if (refusal && refusal.field && form.elements[refusal.field] && form.elements[refusal.field].setAttribute) {
      form.elements[refusal.field].setAttribute("aria-invalid", "true");
    }
    form.hidden = false;
    form.scrollIntoView();
    document.querySelectorAll("textarea[data-limit]").forEach(function (a) { if (window.bekalCount) window.bekalCount(a); });
  }
  function fieldsOf(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      value = String(value).trim();
      if (!value) return;
      (fields[name] = fields[name] || []).push(value);
    });
    return fields;
  }
  function save(form, kind) {
    var fields = fieldsOf(form);
    var error = form.querySelector("div.error");
    var missing = kind === "visit"
      ? (!fields.date ? "Tanggal kunjungan masih kosong; isi tanggalnya." : !fields.contact ? "Pilih cara kontak."
        : !(fields.beneficiary || fields.kelompok || fields.usaha) ? "Pilih binaan, kelompok, atau usaha yang dikunjungi." : "")
      : (!fields.returned ? "Pilih ya, tidak, atau tidak diketahui." : !fields.asOf ? "Tanggal masih kosong; isi tanggal hasil ini diketahui."
        : !fields.source ? "Pilih dari mana hasil ini diketahui." : "");
    if (missing) { error.hidden = false; error.textContent = missing; return Promise.resolve(); }
    var code = fields.beneficiary ? fields.beneficiary[0] : (fields.kelompok || fields.usaha || [""])[0];
    var item = { key: form.dataset.key || newKey(), kind: kind, user: me, created: Date.now(), fields: fields, status: "waiting",
                 summary: { code: code, date: (fields.date || fields.asOf)[0] } };
    return queue.put(item).then(function () {
      form.hidden = true;
      return render();
    }).then(function () { if (navigator.onLine) return send(); });
  }

  if (page) {
    page.hidden = false;
    var without = document.getElementById("luring-tanpa-js");
    if (without) without.hidden = true;
    var visitForm = document.getElementById("luring-kunjungan"), outcomeForm = document.getElementById("luring-hasil");
    page.addEventListener("click", function (event) {
      var t = event.target, data = t.dataset || {};
      if (data.kunjungan) openForm(visitForm, { date: [officeToday(current)], contact: ["home_visit"], beneficiary: [data.kunjungan] });
      else if (t.id === "kunjungan-kelompok") openForm(visitForm, { date: [officeToday(current)], contact: ["home_visit"] });
      else if (data.hasil) openForm(outcomeForm, { asOf: [officeToday(current)], beneficiary: [data.hasil] });
      else if (t.hasAttribute && t.hasAttribute("data-batal")) t.form.hidden = true;
      else if (t.id === "kirim") send();
      else if (data.perbaiki || data.hapus) {
        queue.all().then(function (items) {
          var item = items.filter(function (i) { return i.key === (data.perbaiki || data.hapus); })[0];
          if (!item) return;
          if (data.hapus) return queue.remove(item.key).then(render);
          openForm(item.kind === "visit" ? visitForm : outcomeForm, item.fields, item.key, { message: item.message, field: item.field });
        });
      }
    });
    visitForm.addEventListener("change", function (event) {
      if (["beneficiary", "kelompok", "usaha"].indexOf(event.target.name) >= 0) equipment(visitForm, fieldsOf(visitForm));
    });
    visitForm.addEventListener("submit", function (event) { event.preventDefault(); save(visitForm, "visit"); });
    outcomeForm.addEventListener("submit", function (event) { event.preventDefault(); save(outcomeForm, "outcome"); });
  }

  /* Signing out: what waits is sent first; what is still here then is wiped, after she says so. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("signout")) return;
    event.preventDefault();
    (navigator.onLine ? send() : Promise.resolve()).then(function () { return queue.all(); }).then(function (items) {
      var left = items.filter(function (i) { return i.status !== "sent"; }).length;
      if (left && !window.confirm(left + " isian belum diterima kantor dan akan dihapus dari ponsel ini. Tetap keluar?")) return;
      return wipe().then(function () {
        if (navigator.onLine) { form.submit(); return; }
        var main = document.querySelector("main");
        main.textContent = "";
        main.appendChild(element("h1", {}, "Data di ponsel sudah dihapus"));
        main.appendChild(element("p", {}, "Sesi Anda di kantor berakhir sendiri setelah 30 menit, atau saat Anda keluar lagi dengan sinyal."));
      });
    });
  }, true);

  /* On every page of hers: the shell cached, a different user's leftovers gone, the caseload fresh, the queue sent. */
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").then(function () { return navigator.serviceWorker.ready; }).then(function (registration) {
      if (navigator.onLine && registration.active) registration.active.postMessage("simpan-halaman");
    }, function () {});
  }
  Promise.all([kv.get("caseload"), queue.all()]).then(function (got) {
    var others = (got[0] && got[0].username !== me) || got[1].some(function (i) { return i.user !== me; });
    if (others) return wipe();
    // "Diterima kantor" is shown for as long as the caseload is kept, then forgotten.
    var keepDays = parseInt(page ? page.dataset.keepDays : "7", 10) || 7;
    var old = got[1].filter(function (i) { return i.status === "sent" && Date.now() - i.sentAt > keepDays * 86400000; });
    return Promise.all(old.map(function (i) { return queue.remove(i.key); }));
  }).then(function () {
    return navigator.onLine ? refresh().then(render).then(send) : render();
  }).then(function () { root.dataset.luring = "siap"; });
  window.addEventListener("online", function () { refresh().then(render).then(send); });
  window.addEventListener("offline", render);
})();
