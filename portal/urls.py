from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from portal.accounts import views as accounts_views
from portal.assisted import claim_views
from portal.core import health, i18n
from portal.core import views as core_views

# Django admin signs in through allauth, so the second factor applies there too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = _("Portal administration")
admin.site.site_title = _("Portal administration")

FAVICON = "vendor/govuk/assets/images/favicon.ico"

urlpatterns = [
    path("", include("portal.pages.urls")),
    path("accounts/", include("allauth.urls")),
    path("staff/", include("portal.accounts.urls")),
    path("my/", accounts_views.citizen_home, name="citizen-home"),
    path("my/contact/", accounts_views.contact_details_edit, name="citizen-contact"),
    path("eidas/", include("portal.eidas.urls")),
    path("demo-eidas/", include("portal.eidas.demo_node.urls")),
    path("admin/", admin.site.urls),
    path("language/<str:code>/", i18n.language_switch, name="language-switch"),
    path("session/status/", core_views.session_status, name="session-status"),
    path("session/extend/", core_views.session_extend, name="session-extend"),
    path("session/ended/", core_views.session_ended, name="session-ended"),
    path("healthz/", health.healthz, name="healthz"),
    path("readyz/", health.readyz, name="readyz"),
    # Browsers ask for /favicon.ico where a response names no icon (the admin, JSON, PDFs).
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)(FAVICON))),
    path("applications/", include("portal.applications.urls")),
    path("assisted/", include("portal.assisted.urls")),
    path("claim/", claim_views.claim, name="claim"),
    path("api/v1/", include("portal.backoffice.api.urls")),
    path("", include("portal.documents.urls")),
    # Last: /<procedure-slug>/… for every registered procedure.
    path("", include("procedures.engine.urls")),
]

handler400 = "portal.core.errors.bad_request"
handler403 = "portal.core.errors.permission_denied"
handler404 = "portal.core.errors.page_not_found"
handler500 = "portal.core.errors.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
