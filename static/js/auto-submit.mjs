// Forms that only carry a SAML message to the next party submit themselves; without JavaScript the
// visible Continue button does the same.
export function initAutoSubmit(root = document) {
  root.querySelectorAll("form[data-auto-submit]").forEach((form) => form.submit());
}
