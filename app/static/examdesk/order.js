/* Certification order form: live amounts (display only: the server recomputes every amount in
   decimals when the order is placed). Loaded from a file so the page runs under the CSP. */
(function () {
  var form = document.getElementById('cert-order');
  if (!form) { return; }
  var fmt = function (cents) {
    return (cents / 100).toLocaleString(document.documentElement.lang || 'fr',
      {minimumFractionDigits: 2, maximumFractionDigits: 2}) + ' €';
  };
  function refresh() {
    var sub = 0, vatByRate = {};
    form.querySelectorAll('tbody tr').forEach(function (row) {
      var q = Math.max(0, parseInt(row.querySelector('.cert-qty').value, 10) || 0);
      var amount = q * parseInt(row.dataset.priceCents, 10);
      row.querySelector('.cert-amount').textContent = fmt(amount);
      sub += amount;
      vatByRate[row.dataset.vat] = (vatByRate[row.dataset.vat] || 0) + amount;
    });
    var vat = 0;
    Object.keys(vatByRate).forEach(function (r) { vat += Math.round(vatByRate[r] * parseFloat(r) / 100); });
    document.getElementById('cert-subtotal').textContent = fmt(sub);
    document.getElementById('cert-vat').textContent = fmt(vat);
    document.getElementById('cert-total').textContent = fmt(sub + vat);
  }
  form.querySelectorAll('.cert-qty').forEach(function (i) { i.addEventListener('input', refresh); });
  refresh();
})();
