// Progressive enhancement only: every page works without this file.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";
import { initAutoSubmit } from "./auto-submit.mjs";
import { initSessionTimeout } from "./session-timeout.mjs";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
initSessionTimeout(document.getElementById("session-timeout-dialog"));
initAutoSubmit();
