/* The facility map: boundaries as the base map (no tiles), facility markers from /api/facilities.
 * Everything shown comes from the DOM's data-* attributes or JSON, and untrusted names are
 * only ever set as textContent, never as HTML. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }

  var map = L.map(el, { zoomSnap: 0.25, minZoom: 5, maxZoom: 12 });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  var markers = L.layerGroup().addTo(map);
  var count = document.getElementById("map-count");
  var form = document.getElementById("map-filters");

  function escapeHtml(s) {
    var d = document.createElement("div");
    d.textContent = s;
    return d.innerHTML;
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  function drawBoundaries(provinces, counties) {
    var attribution = escapeHtml(el.dataset.attribution || "");
    var countyLayer = L.geoJSON(counties, {
      style: { color: "#9aa7b3", weight: 0.6, fillColor: "#f3f1ea", fillOpacity: 1 },
      attribution: attribution,
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        layer.bindTooltip(escapeHtml(p.name + ", " + p.province), { sticky: true, className: "county-tip" });
      }
    }).addTo(map);
    var provinceLayer = L.geoJSON(provinces, {
      style: { color: "#4a5560", weight: 1.6, fill: false },
      interactive: false
    }).addTo(map);
    map.fitBounds(provinceLayer.getBounds());
    countyLayer.bringToBack();
    el.dataset.boundaries = String(counties.features.length + provinces.features.length);
  }

  function labels(name) {
    try { return JSON.parse(el.dataset[name] || "{}"); } catch (e) { return {}; }
  }
  var kinds = labels("kinds"), statuses = labels("statuses"), precisions = labels("precisions");

  function line(box, text, className) {
    if (!text) { return; }
    var div = document.createElement("div");
    if (className) { div.className = className; }
    div.textContent = text;
    box.appendChild(div);
  }

  function dossierLink(f, className) {
    var a = document.createElement("a");
    a.className = className;
    a.href = el.dataset.dossier + encodeURIComponent(f.id);
    a.textContent = f.name;
    return a;
  }

  /* What the popup of facility summary ``s`` says; ``others``: facilities drawn at the same point. */
  function popup(s, others) {
    var f = s.facility, loc = s.location;
    var box = document.createElement("div");
    box.appendChild(dossierLink(f, "popup-title"));
    line(box, (kinds[f.kind] || f.kind) + ", " + (f.status ? (statuses[f.status] || f.status) +
      (f.status_date ? " as of " + f.status_date : "") : "status unknown"));
    line(box, [f.locality, f.province].filter(Boolean).join(", "));
    line(box, "Placed at the " + (precisions[loc.precision] || loc.precision) + ", not at the site", "popup-precision");
    line(box, f.reports + (f.reports === 1 ? " report" : " reports") + (f.contradicted ? "; contradicted" : ""));
    if (others.length) {
      line(box, "Also placed here:", "popup-others");
      var list = document.createElement("ul");
      others.forEach(function (o) {
        var li = document.createElement("li");
        li.appendChild(dossierLink(o.facility, "popup-other"));
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    return box;
  }

  function drawFacilities(items) {
    markers.clearLayers();
    var placed = items.filter(function (s) { return s.location; });
    var at = {};
    placed.forEach(function (s) {
      var key = s.location.lat + "," + s.location.lon;
      (at[key] = at[key] || []).push(s);
    });
    /* Big markers first, so that smaller ones on top of them stay clickable. */
    placed.slice().sort(function (a, b) { return b.facility.reports - a.facility.reports; }).forEach(function (s) {
      var f = s.facility, loc = s.location;
      var others = at[loc.lat + "," + loc.lon].filter(function (o) { return o !== s; });
      var marker = L.circleMarker([loc.lat, loc.lon], {
        radius: 4 + 3 * Math.sqrt(Math.max(f.reports, 1)),
        className: "marker status-" + (f.status || "unknown") + " precision-" + loc.precision
      }).bindPopup(popup(s, others)).addTo(markers);
      var path = marker.getElement();
      if (path) { path.setAttribute("data-facility", f.id); }
    });
    if (count) { count.textContent = placed.length + " of " + items.length + " facilities on the map"; }
    el.dataset.markers = String(placed.length);
  }

  function query() {
    var params = new URLSearchParams();
    if (form) {
      new FormData(form).forEach(function (value, key) { if (value) { params.set(key, value); } });
    }
    params.set("limit", "500");
    return params;
  }

  function loadFacilities() {
    var params = query();
    var items = [];
    function page(offset) {
      params.set("offset", String(offset));
      return getJson(el.dataset.facilities + "?" + params.toString()).then(function (body) {
        items = items.concat(body.items);
        return body.has_more && offset < 5000 ? page(offset + body.limit) : items;
      });
    }
    return page(0).then(drawFacilities).catch(function (err) {
      if (count) { count.textContent = "Facilities could not be loaded."; }
      console.error(err);
    });
  }

  if (form) {
    /* Filters given in the address (/map?province=Jagang) preset the form. */
    new URLSearchParams(window.location.search).forEach(function (value, key) {
      if (form.elements[key]) { form.elements[key].value = value; }
    });
    form.addEventListener("change", loadFacilities);
    form.addEventListener("submit", function (e) { e.preventDefault(); loadFacilities(); });
  }
  Promise.all([getJson(el.dataset.provinces), getJson(el.dataset.counties)])
    .then(function (layers) { drawBoundaries(layers[0], layers[1]); })
    .then(loadFacilities)
    .then(function () { el.dataset.ready = "1"; });
})();
