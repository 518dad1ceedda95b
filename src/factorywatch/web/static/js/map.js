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

  function popup(f) {
    var box = document.createElement("div");
    var title = document.createElement("a");
    title.className = "popup-title";
    title.href = el.dataset.dossier + encodeURIComponent(f.id);
    title.textContent = f.name;
    box.appendChild(title);
    var lines = [
      f.kind + (f.status ? ", " + f.status.replace(/_/g, " ") : ""),
      [f.locality, f.province].filter(Boolean).join(", "),
      f.precision ? "Placed at the " + f.precision + " centroid" : "",
      f.reports + (f.reports === 1 ? " report" : " reports")
    ];
    lines.forEach(function (text) {
      if (!text) { return; }
      var line = document.createElement("div");
      line.textContent = text;
      box.appendChild(line);
    });
    return box;
  }

  function drawFacilities(items) {
    markers.clearLayers();
    var placed = 0;
    items.forEach(function (f) {
      if (f.lat === null || f.lon === null) { return; }
      placed += 1;
      L.circleMarker([f.lat, f.lon], {
        radius: 4 + 3 * Math.sqrt(Math.max(f.reports, 1)),
        className: "marker status-" + (f.status || "unknown"),
        facilityId: f.id
      }).bindPopup(popup(f)).addTo(markers);
    });
    if (count) { count.textContent = placed + " of " + items.length + " facilities on the map"; }
    el.dataset.markers = String(placed);
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

  Promise.all([getJson(el.dataset.provinces), getJson(el.dataset.counties)])
    .then(function (layers) { drawBoundaries(layers[0], layers[1]); })
    .then(loadFacilities)
    .then(function () { el.dataset.ready = "1"; });

  if (form) {
    form.addEventListener("change", loadFacilities);
    form.addEventListener("submit", function (e) { e.preventDefault(); loadFacilities(); });
  }
})();
