// Subscription forms: the preview follows what is typed, a pause of 400 ms after the last change.
// Without this script the form's Preview button renders the same preview on a new page.
(function () {
  var form = document.querySelector('form[data-preview]');
  var region = document.getElementById('preview');
  if (!form || !region || !window.fetch || !window.URLSearchParams) { return; }
  var fields = ['keywords', 'authors', 'categories', 'papers'];
  // the server reads request lines of up to 4 KB: longer previews go through the button
  var longestUrl = 4000;
  var timer = null;
  var asked = 0;
  var shown = null;

  function query() {
    var params = new URLSearchParams();
    var data = new FormData(form);
    fields.forEach(function (name) {
      data.getAll(name).forEach(function (value) { params.append(name, value); });
    });
    return params.toString();
  }

  function show(html) { region.innerHTML = html; }

  function refresh() {
    var q = query();
    if (q === shown) { return; }
    var url = '/subscribe/preview?' + q;
    var mine = ++asked;
    if (url.length > longestUrl) {
      shown = null;
      show('<p class="muted">Too much to preview as you type: press Preview.</p>');
      return;
    }
    fetch(url, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (mine === asked) { shown = q; show(html); }
      })
      .catch(function () {
        if (mine === asked) { shown = null; show('<p class="muted">The preview is not available just now.</p>'); }
      });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  }

  form.addEventListener('input', later);
  form.addEventListener('change', later);
  function anythingTyped() {
    var data = new FormData(form);
    return fields.some(function (name) {
      return data.getAll(name).some(function (value) { return value.trim() !== ''; });
    });
  }

  if (region.hasAttribute('data-previewed')) {
    shown = query(); // the page came with the preview of what it shows
  } else if (anythingTyped()) {
    refresh();
  }
})();
