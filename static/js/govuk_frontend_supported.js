// Marks the page for GOV.UK Frontend's JavaScript-only styles before anything is drawn.
// A file rather than an inline <script>, which the Content-Security-Policy refuses.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
