/* Bekal's service worker (issue 17): keeps the page shell of /luring and the static files, so
   the pendamping can open Bekal where there is no signal. It keeps no one's data: her caseload
   and queue live in the page's IndexedDB (bekal-luring.js). Only GET requests of this site are
   answered; a form, a sync or any other request goes to the network as it would without it. */
"use strict";
var CACHE = "bekal-shell-__VERSION__";
var SHELL = "/luring";
var FILES = ["/static/bekal.css", "/static/bekal.js", "/static/bekal-luring.js", "/manifest.webmanifest", "/static/bekal-ikon.svg"];
var OFFLINE = '<!doctype html><html lang="id"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
  "<title>Tanpa sinyal · Bekal</title><p>Tidak ada sinyal, dan halaman kerja tanpa sinyal belum tersimpan di ponsel ini. " +
  "Buka Bekal sekali saat ada sinyal.</p></html>";

/* The shell only when she is signed in: a redirect to the log-in page is not kept as it. */
function keepShell(cache) {
  return fetch(SHELL, { credentials: "same-origin", redirect: "manual" }).then(function (response) {
    if (response.ok && response.type === "basic") return cache.put(SHELL, response);
  }, function () {});
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(FILES.map(function (f) { return cache.add(f).catch(function () {}); }).concat([keepShell(cache)]));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("bekal-") === 0 && k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

/* A page of hers, online, asks for the shell to be kept fresh. */
self.addEventListener("message", function (event) {
  if (event.data === "simpan-halaman") event.waitUntil(caches.open(CACHE).then(keepShell));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Online, every page is the office's, as always; without signal, the page that works without it.
    event.respondWith(fetch(request).then(function (response) {
      if (url.pathname === SHELL && response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(SHELL, copy); });
      }
      return response;
    }, function () {
      return caches.open(CACHE).then(function (cache) { return cache.match(SHELL); }).then(function (shell) {
        return shell || new Response(OFFLINE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
      });
    }));
    return;
  }
  if (FILES.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(url.pathname).then(function (hit) {
        var fresh = fetch(request).then(function (response) {
          if (response.ok) cache.put(url.pathname, response.clone());
          return response;
        });
        return hit || fresh;
      });
    }));
  }
});
