"""The pages this portal serves, for sweeps over all of them (CSP, accessibility, translations)."""

PUBLIC_PAGES = [
    "/",
    "/applicable-legislation/",
    "/ehic/",
    "/pension/",
    "/accessibility/",
    "/privacy/",
    "/cookies/",
    "/contact/",
    "/feedback/",
    "/feedback/thanks/",
    "/session/ended/",
    "/accounts/login/",
    "/eidas/login/",
    "/accounts/password/reset/",
    "/this-page-does-not-exist/",
]

# Pages for a signed-in member of staff with a second factor.
STAFF_PAGES = [
    "/staff/",
    "/accounts/2fa/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/password/change/",
    "/accounts/logout/",
]
