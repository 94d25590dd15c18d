/* Draws every <canvas data-chart="{kind, labels, values, label}"> with the vendored Chart.js
   (app/static/vendor/chartjs), numbers in the page's language; the same numbers are in the
   table next to each canvas for screen readers. No inline script: runs under the CSP. */
(function () {
  'use strict';
  if (typeof window.Chart !== 'function') { return; }
  var lang = document.documentElement.lang || 'fr';
  Array.prototype.forEach.call(document.querySelectorAll('canvas[data-chart]'), function (canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-chart'));
    new window.Chart(canvas, {
      type: spec.kind || 'bar',
      data: {labels: spec.labels,
             datasets: [{label: spec.label, data: spec.values, backgroundColor: '#1d6a85'}]},
      options: {locale: lang, animation: false, responsive: true,
                plugins: {legend: {display: false}},
                scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
    });
  });
}());
