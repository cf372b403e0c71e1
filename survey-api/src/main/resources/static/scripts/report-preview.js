// The report builder saves the form and draws the preview again whenever a choice changes, so the
// preview follows the form as it is filled in. Only an enhancement: without it, "Save and preview"
// does the same. The preview comes from the page the server draws, escaped by the server.
(function () {
  'use strict';
  var form = document.querySelector('form.report-form');
  var status = document.getElementById('preview-status');
  if (!form || !status || !window.fetch || !window.DOMParser || !window.URLSearchParams) {
    return;
  }
  var sending = null;
  var again = false;
  status.textContent = 'The preview is drawn again each time you change a choice.';
  form.addEventListener('change', save);

  function save() {
    if (sending) {
      again = true;
      return;
    }
    status.textContent = 'Saving and drawing the preview\u2026';
    sending = window.fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('not saved');
      }
      return response.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, 'text/html');
      var fresh = page.querySelector('section.report-preview');
      var shown = document.querySelector('section.report-preview');
      if (!fresh) {
        throw new Error('no preview');
      }
      var imported = document.importNode(fresh, true);
      if (shown) {
        shown.replaceWith(imported);
      } else {
        form.insertAdjacentElement('afterend', imported);
      }
      status.textContent = 'Saved. The preview below shows the report as it is now.';
    }).catch(function () {
      status.textContent = 'The preview could not be drawn. Press \u201cSave and preview\u201d to see what to fix.';
    }).then(function () {
      sending = null;
      if (again) {
        again = false;
        save();
      }
    });
  }
}());
