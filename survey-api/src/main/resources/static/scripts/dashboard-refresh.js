// The study dashboard draws its figures again every 30 seconds while it is open, so a researcher can
// watch submissions arrive. Only an enhancement: without it, the page's Refresh link does the same.
// It stops after 20 refreshes (10 minutes), so that an unattended page does not keep its session alive,
// and when the session has ended. The figures come from the page itself, escaped by the server.
(function () {
  'use strict';
  var EVERY_MS = 30000;
  var MOST = 20;
  var figures = document.getElementById('dashboard-figures');
  var drawnAt = document.getElementById('drawn-at');
  var status = document.getElementById('refresh-status');
  if (!figures || !drawnAt || !status || !window.fetch || !window.DOMParser) {
    return;
  }
  var done = 0;
  var timer = window.setInterval(refresh, EVERY_MS);
  status.textContent = 'The figures are drawn again every 30 seconds for the next 10 minutes.';

  function stop(message) {
    window.clearInterval(timer);
    status.textContent = message;
  }

  function refresh() {
    if (document.hidden) {
      return;
    }
    done += 1;
    window.fetch(window.location.href, {
      credentials: 'same-origin',
      redirect: 'manual',
      headers: {Accept: 'text/html'}
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('not drawn');
      }
      return response.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, 'text/html');
      var newFigures = page.getElementById('dashboard-figures');
      var newDrawnAt = page.getElementById('drawn-at');
      if (!newFigures || !newDrawnAt) {
        throw new Error('not drawn');
      }
      figures.replaceChildren.apply(figures, Array.prototype.map.call(newFigures.childNodes, function (node) {
        return document.importNode(node, true);
      }));
      drawnAt.textContent = newDrawnAt.textContent;
      if (done >= MOST) {
        stop('The figures are no longer drawn again by themselves. Use Refresh to draw them now.');
      }
    }).catch(function () {
      stop('The figures could not be drawn again (your session may have ended). Use Refresh to try.');
    });
  }
}());
