// The page's own address carries the view of a shared link (date, layers, event, tour...).
// Dash asks the server for the page's layout with a request of its own; this adds the
// page's query to that one request, so the server reads the view from the address itself,
// not from a Referer header that a proxy or a privacy setting may strip.
(function () {
  "use strict";
  const fetchFirst = window.fetch.bind(window);
  window.fetch = function (input, init) {
    if (typeof input === "string" && /(^|\/)_dash-layout$/.test(input)) {
      input += window.location.search;
    }
    return fetchFirst(input, init);
  };
})();
