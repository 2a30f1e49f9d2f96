// Sign-up forms: pre-select the browser's time zone where the form still shows the default.
(function () {
  var field = document.getElementById('timezone');
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (field && zone && (field.value === '' || field.value === 'UTC')) { field.value = zone; }
  } catch (e) { /* keep the default */ }
})();
