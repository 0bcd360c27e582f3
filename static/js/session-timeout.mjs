// Warns a signed-in person before their session ends for inactivity and lets them stay signed in
// (WCAG 2.2.1 Timing adjustable). All text is in the server-rendered, translated dialog markup.
//
// The timer asks the server how much time is left before warning, because another tab may have kept
// the session alive; the status request does not count as activity.

const csrfToken = (form) => form.querySelector("input[name=csrfmiddlewaretoken]").value;

export function initSessionTimeout(dialog) {
  if (!dialog || typeof dialog.showModal !== "function") return;
  const warning = Number(dialog.dataset.warning) * 1000;
  const statusUrl = dialog.dataset.statusUrl;
  const endedUrl = dialog.dataset.endedUrl;
  const form = dialog.querySelector("form[data-extend]");
  let timer = null;

  const schedule = (remainingMs) => {
    clearTimeout(timer);
    if (remainingMs <= 0) {
      window.location.assign(endedUrl);
    } else if (remainingMs <= warning) {
      if (!dialog.open) dialog.showModal();
      timer = setTimeout(() => check(), remainingMs);
    } else {
      if (dialog.open) dialog.close();
      timer = setTimeout(() => check(), remainingMs - warning);
    }
  };

  const check = async () => {
    try {
      const response = await fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      const status = await response.json();
      schedule(status.authenticated ? status.remaining * 1000 : 0);
    } catch {
      // Offline or the server is restarting: try again shortly rather than signing the person out.
      timer = setTimeout(() => check(), 10000);
    }
  };

  const extend = async () => {
    const response = await fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken(form) },
    });
    const status = await response.json();
    schedule(status.authenticated ? status.remaining * 1000 : 0);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    extend();
  });
  // Escape closes the dialog: treat it as "stay signed in", as the person is clearly here.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    extend();
  });

  schedule(Number(dialog.dataset.timeout) * 1000);
}
