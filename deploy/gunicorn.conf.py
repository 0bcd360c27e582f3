"""gunicorn settings for the portal's web process.

Run as ``gunicorn --config deploy/gunicorn.conf.py portal.wsgi:application``. Every value can be
changed through the environment; the defaults suit one gunicorn behind nginx on the same host.

The access log never contains query strings, the Referer header or the client's user agent: a
query string or a referring URL can carry personal data (names, identifiers, search terms). nginx (or
the ingress) in front logs the client address; this log has the path, the status, the size, the
duration and the request id that nginx sets, which is enough to join the two.
"""

import math
import multiprocessing
import os
from pathlib import Path


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _available_cpus() -> int:
    """CPUs this process may use: the cgroup v2 quota inside a container, else the affinity mask."""
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            return max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        pass
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return multiprocessing.cpu_count()


# --- Socket --------------------------------------------------------------------------------------------

# GUNICORN_BIND wins; otherwise PORT (as on most platforms) binds every interface; otherwise loopback.
if os.environ.get("GUNICORN_BIND"):
    bind = [address.strip() for address in os.environ["GUNICORN_BIND"].split(",") if address.strip()]
elif os.environ.get("PORT"):
    bind = [f"0.0.0.0:{os.environ['PORT']}"]
else:
    bind = ["127.0.0.1:8000"]
backlog = _env_int("GUNICORN_BACKLOG", 2048)

# --- Workers -------------------------------------------------------------------------------------------

workers = _env_int("GUNICORN_WORKERS", _env_int("WEB_CONCURRENCY", 2 * _available_cpus() + 1))
worker_class = "gthread"
threads = _env_int("GUNICORN_THREADS", 4)
# Keep these in step with nginx: proxy_read_timeout is a little longer than `timeout`.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Longer than the upstream keepalive timeout of nginx / the ingress (60 s), so that gunicorn never
# closes an idle connection the proxy is about to reuse.
keepalive = _env_int("GUNICORN_KEEPALIVE", 75)
# Recycle workers now and then so that slow memory growth never becomes an outage.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Heartbeat files on a tmpfs: a disk-backed /tmp can block workers (see gunicorn's FAQ).
_shm = Path("/dev/shm")  # noqa: S108 - a per-host tmpfs, not a shared temporary directory
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or (str(_shm) if _shm.is_dir() else None)
preload_app = False

# --- Request limits (nginx applies its own, stricter body limit) -----------------------------------------

limit_request_line = _env_int("GUNICORN_LIMIT_REQUEST_LINE", 4094)
limit_request_fields = _env_int("GUNICORN_LIMIT_REQUEST_FIELDS", 100)
limit_request_field_size = _env_int("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", 8190)

# --- Proxy ---------------------------------------------------------------------------------------------

# Addresses allowed to set X-Forwarded-Proto. Loopback for nginx on the same host; in a container
# network set FORWARDED_ALLOW_IPS to the proxy's network (or "*" when only the proxy can reach gunicorn).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# --- Logging -------------------------------------------------------------------------------------------

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", os.environ.get("LOG_LEVEL", "info")).lower()
# m: method, U: path WITHOUT the query string, H: protocol, s: status, B: bytes, M: milliseconds.
# Never %(r)s (request line with query), %(q)s (query string), %(f)s (referer) or %(a)s here.
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}i)s'

# --- Control socket (gunicorn >= 25) ---------------------------------------------------------------------

# gunicorn would otherwise create ~/.gunicorn/gunicorn.ctl, which does not exist for the service user
# and is read-only under systemd's ProtectHome / Kubernetes' readOnlyRootFilesystem.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

proc_name = "portal-web"
