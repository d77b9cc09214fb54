// The Teams tab's sign-in: Teams hands the tab an Entra ID token for QuizBot's API (single sign-on), the service checks
// it and opens a dashboard session kept in Teams' own cookie partition, and the tab moves to the place it names.
(function () {
  "use strict";
  var status = document.getElementById("status");
  var say = function (text) { status.textContent = text; };
  if (typeof microsoftTeams === "undefined") {
    say("Open the dashboard in your browser.");
    return;
  }
  microsoftTeams.app.initialize()
    .then(function () { return microsoftTeams.authentication.getAuthToken(); })
    .then(function (token) {
      return fetch(document.body.getAttribute("data-session"), {
        method: "POST",
        credentials: "same-origin",
        headers: { Authorization: "Bearer " + token },
      });
    })
    .then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        // Only a path on this site: the answer must not be able to send the tab elsewhere.
        if (response.ok && typeof body.location === "string" && /^\/(?![\/\\])/.test(body.location)) {
          window.location.assign(body.location);
          return;
        }
        say(body.message || "Sign-in failed. Open the dashboard in your browser.");
      });
    })
    .catch(function () { say("Teams could not sign you in. Open the dashboard in your browser."); });
})();
