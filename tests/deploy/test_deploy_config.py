"""The deployment configuration in deploy/ is well-formed and keeps its promises.

Plain file checks: no database, no Django settings, no network. Run with
``pytest tests/deploy -p no:django``.
"""

import configparser
import re
import runpy
from pathlib import Path

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
KUBERNETES = DEPLOY / "kubernetes"
PIPELINE_QUEUES = ("documents", "delivery", "notify", "default")
APP_SERVICES = ("web", "worker", "beat", "migrate")
SYSTEMD_SERVICES = ("portal-web.service", "portal-worker.service", "portal-beat.service")
REQUIRED_PRODUCTION_VARIABLES = (
    "DJANGO_ENV",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "FIELD_ENCRYPTION_KEYS",
    "BLIND_INDEX_KEY",
    "AUDIT_CHAIN_KEY",
)
SECRET_VARIABLES = (
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "FIELD_ENCRYPTION_KEYS",
    "BLIND_INDEX_KEY",
    "AUDIT_CHAIN_KEY",
)


def yaml_files():
    return sorted([*DEPLOY.rglob("*.yaml"), *DEPLOY.rglob("*.yml")])


def load_documents(path):
    return [document for document in yaml.safe_load_all(path.read_text()) if document is not None]


def compose():
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def command_text(command):
    return " ".join(command) if isinstance(command, list) else str(command)


def kubernetes_objects(kind=None):
    objects = []
    for path in sorted(KUBERNETES.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        objects.extend(load_documents(path))
    return [obj for obj in objects if kind is None or obj["kind"] == kind]


def deployment(name):
    (found,) = [obj for obj in kubernetes_objects("Deployment") if obj["metadata"]["name"] == name]
    return found


def main_container(obj):
    return obj["spec"]["template"]["spec"]["containers"][0]


def env_file_variables(path):
    variables = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            variables[key] = value
    return variables


def systemd_unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string((DEPLOY / "systemd" / name).read_text())
    return parser


GUNICORN_VARIABLES = (
    "GUNICORN_BIND",
    "PORT",
    "GUNICORN_WORKERS",
    "WEB_CONCURRENCY",
    "GUNICORN_CONTROL_SOCKET",
)


def gunicorn_settings(monkeypatch, **environment):
    for variable in GUNICORN_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))


# --- Every file parses --------------------------------------------------------------------------------


def test_deploy_directory_holds_yaml_files():
    assert len(yaml_files()) >= 10


@pytest.mark.parametrize("path", yaml_files(), ids=lambda path: str(path.relative_to(DEPLOY)))
def test_every_yaml_file_parses(path):
    assert load_documents(path), f"{path} has no YAML document"


# --- Compose ------------------------------------------------------------------------------------------


def test_compose_runs_every_process_and_backing_service():
    assert set(compose()["services"]) >= {"web", "worker", "beat", "migrate", "postgres", "redis", "nginx"}


def test_compose_builds_from_the_repository_root():
    build = compose()["services"]["web"]["build"]
    assert build["context"] == ".."
    assert (DEPLOY.parent / build["dockerfile"]).is_file()


@pytest.mark.parametrize("service", APP_SERVICES)
def test_compose_app_service_is_health_checked_or_waits_for_healthy_dependencies(service):
    definition = compose()["services"][service]
    depends_on = definition.get("depends_on", {})
    assert isinstance(depends_on, dict), "depends_on must name the condition it waits for"
    assert "healthcheck" in definition or depends_on
    for dependency, condition in depends_on.items():
        assert dependency in compose()["services"]
        assert condition["condition"] in {"service_healthy", "service_completed_successfully"}


@pytest.mark.parametrize("service", ["web", "worker", "beat"])
def test_compose_processes_start_only_after_migrations_succeeded(service):
    depends_on = compose()["services"][service]["depends_on"]
    assert depends_on["migrate"]["condition"] == "service_completed_successfully"


def test_compose_web_healthcheck_uses_liveness_endpoint():
    assert "/healthz/" in command_text(compose()["services"]["web"]["healthcheck"]["test"])


def test_compose_backing_services_have_healthchecks():
    services = compose()["services"]
    assert "pg_isready" in command_text(services["postgres"]["healthcheck"]["test"])
    assert "ping" in command_text(services["redis"]["healthcheck"]["test"])
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")


def test_compose_migrate_runs_once():
    migrate = compose()["services"]["migrate"]
    assert "migrate --noinput" in command_text(migrate["command"])
    assert migrate["restart"] == "no"


def test_worker_consumes_every_pipeline_queue():
    command = command_text(compose()["services"]["worker"]["command"])
    for queue in PIPELINE_QUEUES:
        assert re.search(rf"--queues=\S*\b{queue}\b", command), queue
    assert "--prefetch-multiplier=1" in command


def test_compose_worker_gets_time_for_warm_shutdown():
    assert compose()["services"]["worker"]["stop_grace_period"] in {"120s", "150s", "180s"}


def test_compose_runs_a_single_beat():
    beat = compose()["services"]["beat"]
    assert beat.get("deploy", {}).get("replicas", 1) == 1
    assert "--schedule=/tmp/" in command_text(beat["command"])


def test_compose_nginx_uses_the_plain_http_site():
    nginx = compose()["services"]["nginx"]
    assert any("nginx/compose.conf" in volume for volume in nginx["volumes"])
    assert any(port.endswith(":8080") for port in nginx["ports"])


def test_compose_env_files_exist():
    env_files = compose()["services"]["web"]["env_file"]
    required = [entry["path"] for entry in env_files if entry.get("required", True)]
    assert required
    for path in required:
        assert (DEPLOY / path).is_file()


# --- Environment example ------------------------------------------------------------------------------


def test_env_example_sets_every_variable_production_requires():
    variables = env_file_variables(DEPLOY / "portal.env.example")
    for name in REQUIRED_PRODUCTION_VARIABLES:
        assert variables.get(name), name
    assert variables["DJANGO_ENV"] == "production"
    assert variables["DATABASE_URL"].startswith("postgres://")
    assert variables["EIDAS_DEMO_NODE"] == "false"


def test_env_example_secrets_are_visibly_fake_but_well_formed():
    variables = env_file_variables(DEPLOY / "portal.env.example")
    assert len(variables["SECRET_KEY"]) >= 50
    for name in ("SECRET_KEY", "BLIND_INDEX_KEY", "AUDIT_CHAIN_KEY", "DATABASE_URL", "EMAIL_URL"):
        assert "EXAMPLE" in variables[name], name
    # A syntactically valid Fernet key (32 url-safe base64 bytes), so the example starts.
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}=", variables["FIELD_ENCRYPTION_KEYS"].split(",")[0])


# --- Kubernetes ---------------------------------------------------------------------------------------


def test_kustomization_lists_every_manifest():
    kustomization = yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())
    listed = set(kustomization["resources"])
    present = {path.name for path in KUBERNETES.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == present
    for name in listed:
        assert (KUBERNETES / name).is_file()


def test_every_object_lives_in_the_portal_namespace():
    for obj in kubernetes_objects():
        if obj["kind"] != "Namespace":
            assert obj["metadata"]["namespace"] == "portal", obj["metadata"]["name"]


@pytest.mark.parametrize("name", ["portal-web", "portal-worker", "portal-beat"])
def test_every_deployment_sets_resources_and_runs_as_non_root(name):
    pod = deployment(name)["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    for container in pod.get("initContainers", []) + pod["containers"]:
        assert container["resources"]["requests"], container["name"]
        assert container["resources"]["limits"], container["name"]
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"]  # noqa: S108
    assert {"name": "tmp", "emptyDir": pod["volumes"][0]["emptyDir"]} in pod["volumes"]


@pytest.mark.parametrize("name", ["portal-web", "portal-worker", "portal-beat"])
def test_every_deployment_reads_config_and_secrets(name):
    env_from = main_container(deployment(name))["envFrom"]
    assert {"configMapRef": {"name": "portal-config"}} in env_from
    assert {"secretRef": {"name": "portal-secrets"}} in env_from


def test_web_readiness_checks_dependencies_and_liveness_does_not():
    container = main_container(deployment("portal-web"))
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz/"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz/"


def test_web_probes_send_an_allowed_host():
    config = next(
        obj for obj in kubernetes_objects("ConfigMap") if obj["metadata"]["name"] == "portal-config"
    )
    allowed_hosts = config["data"]["ALLOWED_HOSTS"].split(",")
    container = main_container(deployment("portal-web"))
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        headers = {h["name"]: h["value"] for h in container[probe]["httpGet"]["httpHeaders"]}
        assert headers["Host"] in allowed_hosts, probe


def test_web_runs_at_least_two_replicas_with_a_disruption_budget():
    assert deployment("portal-web")["spec"]["replicas"] >= 2
    (pdb,) = kubernetes_objects("PodDisruptionBudget")
    web_labels = deployment("portal-web")["spec"]["selector"]["matchLabels"]
    assert pdb["spec"]["selector"]["matchLabels"] == web_labels


def test_kubernetes_worker_consumes_every_pipeline_queue_and_shuts_down_warm():
    worker = deployment("portal-worker")
    command = command_text(main_container(worker)["command"])
    for queue in PIPELINE_QUEUES:
        assert re.search(rf"--queues=\S*\b{queue}\b", command), queue
    assert "--prefetch-multiplier=1" in command
    assert worker["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= 120


def test_worker_replica_count_is_left_to_the_autoscaler():
    assert "replicas" not in deployment("portal-worker")["spec"]


def test_worker_hpa_targets_the_worker_deployment():
    (hpa,) = kubernetes_objects("HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment("portal-worker")["metadata"]["name"])
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (2, 10)
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"


def test_beat_runs_exactly_one_pod():
    beat = deployment("portal-beat")
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"]["type"] == "Recreate"
    assert "--schedule=/tmp/" in command_text(main_container(beat)["command"])


def test_migrations_run_as_a_job_that_checks_the_deploy_settings_first():
    (job,) = kubernetes_objects("Job")
    command = command_text(job["spec"]["template"]["spec"]["containers"][0]["command"])
    assert command.index("check --deploy") < command.index("migrate --noinput")
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"


def test_service_and_ingress_route_to_the_web_pods():
    (service,) = kubernetes_objects("Service")
    assert service["spec"]["selector"] == deployment("portal-web")["spec"]["selector"]["matchLabels"]
    for ingress in kubernetes_objects("Ingress"):
        assert ingress["spec"]["tls"]
        assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"] == "12m"
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                assert path["backend"]["service"]["name"] == service["metadata"]["name"]


def test_example_secret_holds_only_placeholders_and_cannot_replace_the_real_one():
    (secret,) = kubernetes_objects("Secret")
    assert secret["metadata"]["name"] != "portal-secrets"
    assert set(secret["stringData"]) >= set(SECRET_VARIABLES)
    assert all("REPLACE-ME" in value for value in secret["stringData"].values())


def test_configmap_holds_no_secret():
    config = next(
        obj for obj in kubernetes_objects("ConfigMap") if obj["metadata"]["name"] == "portal-config"
    )
    assert not set(config["data"]) & set(SECRET_VARIABLES)
    assert config["data"]["DJANGO_ENV"] == "production"


def test_every_image_is_the_portal_placeholder():
    for kind in ("Deployment", "Job"):
        for obj in kubernetes_objects(kind):
            pod = obj["spec"]["template"]["spec"]
            for container in pod.get("initContainers", []) + pod["containers"]:
                assert container["image"] == "registry.example.org/portal:latest"


# --- gunicorn -----------------------------------------------------------------------------------------


def test_gunicorn_config_executes_as_plain_python(monkeypatch):
    settings = gunicorn_settings(monkeypatch)
    assert settings["worker_class"] == "gthread"
    assert settings["timeout"] == 30
    assert settings["workers"] >= 3
    assert settings["max_requests"] > 0
    assert settings["max_requests_jitter"] > 0
    assert settings["accesslog"] == "-"


def test_gunicorn_access_log_has_no_query_strings(monkeypatch):
    log_format = gunicorn_settings(monkeypatch)["access_log_format"]
    for atom in ("%(r)s", "%(q)s", "%(f)s"):
        assert atom not in log_format
    for atom in ("%(m)s", "%(U)s", "%(s)s", "%(M)s", "%({x-request-id}i)s"):
        assert atom in log_format


def test_gunicorn_binds_loopback_by_default(monkeypatch):
    assert gunicorn_settings(monkeypatch)["bind"] == ["127.0.0.1:8000"]


def test_gunicorn_binds_from_the_environment(monkeypatch):
    assert gunicorn_settings(monkeypatch, PORT="9000")["bind"] == ["0.0.0.0:9000"]
    assert gunicorn_settings(monkeypatch, GUNICORN_BIND="0.0.0.0:8000")["bind"] == ["0.0.0.0:8000"]


def test_gunicorn_worker_count_comes_from_the_environment(monkeypatch):
    assert gunicorn_settings(monkeypatch, GUNICORN_WORKERS="5")["workers"] == 5
    assert gunicorn_settings(monkeypatch, WEB_CONCURRENCY="7")["workers"] == 7


def test_gunicorn_control_socket_is_off_unless_a_path_is_given(monkeypatch):
    assert gunicorn_settings(monkeypatch)["control_socket_disable"] is True
    settings = gunicorn_settings(monkeypatch, GUNICORN_CONTROL_SOCKET="/run/portal-web/gunicorn.ctl")
    assert settings["control_socket"] == "/run/portal-web/gunicorn.ctl"


def test_gunicorn_accepts_every_setting_in_the_file(monkeypatch):
    gunicorn_config = pytest.importorskip("gunicorn.config")
    known = set(gunicorn_config.make_settings())
    settings = gunicorn_settings(monkeypatch)
    names = {name for name, value in settings.items() if not name.startswith("_") and not callable(value)}
    names -= {"math", "multiprocessing", "os", "Path"}
    assert names <= known, names - known


# --- systemd ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SYSTEMD_SERVICES)
def test_systemd_unit_is_complete(name):
    unit = systemd_unit(name)
    assert {"Unit", "Service", "Install"} <= set(unit.sections())
    service = unit["Service"]
    assert service["ExecStart"].startswith("/srv/portal/.venv/bin/")
    assert service["User"] == "portal"
    assert service["WorkingDirectory"] == "/srv/portal"
    assert service["EnvironmentFile"] == "/etc/portal/portal.env"
    assert service["Restart"] == "on-failure"


@pytest.mark.parametrize("name", SYSTEMD_SERVICES)
def test_systemd_unit_is_hardened(name):
    service = systemd_unit(name)["Service"]
    assert service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict"
    assert service["ProtectHome"] == "yes"
    assert service["PrivateTmp"] == "yes"
    assert set(service["ReadWritePaths"].split()) == {"/srv/portal/var", "/var/lib/portal"}


def test_systemd_worker_consumes_every_pipeline_queue_and_shuts_down_warm():
    service = systemd_unit("portal-worker.service")["Service"]
    for queue in PIPELINE_QUEUES:
        assert re.search(rf"--queues=\S*\b{queue}\b", service["ExecStart"]), queue
    assert "--prefetch-multiplier=1" in service["ExecStart"]
    assert service["KillSignal"] == "SIGTERM"
    assert service["KillMode"] == "mixed"
    assert int(service["TimeoutStopSec"]) >= 120


def test_systemd_beat_keeps_its_schedule_in_the_state_directory():
    assert "--schedule=/var/lib/portal/" in systemd_unit("portal-beat.service")["Service"]["ExecStart"]


def test_systemd_web_uses_the_gunicorn_config():
    exec_start = systemd_unit("portal-web.service")["Service"]["ExecStart"]
    assert "deploy/gunicorn.conf.py" in exec_start
    assert exec_start.endswith("portal.wsgi:application")


def test_systemd_target_starts_every_process():
    target = systemd_unit("portal.target")
    assert set(target["Unit"]["Wants"].split()) == set(SYSTEMD_SERVICES)


# --- nginx --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["portal.conf", "compose.conf"])
def test_nginx_hides_its_version_and_forwards_the_scheme(name):
    config = (DEPLOY / "nginx" / name).read_text()
    assert re.search(r"^server_tokens off;", config, re.MULTILINE)
    assert re.search(r"proxy_set_header\s+X-Forwarded-Proto\s+\$scheme;", config)
    assert re.search(r"proxy_set_header\s+X-Forwarded-For\s+", config)
    assert re.search(r"proxy_set_header\s+Host\s+", config)
    assert "client_max_body_size 12m;" in config


@pytest.mark.parametrize("name", ["portal.conf", "compose.conf"])
def test_nginx_access_log_omits_query_strings_and_referers(name):
    config = (DEPLOY / "nginx" / name).read_text()
    log_format = re.search(r"log_format\s+\w+\s+(.*?);", config, re.DOTALL).group(1)
    for variable in ("$request ", '$request"', "$request_uri", "$args", "$query_string", "$http_referer"):
        assert variable not in log_format
    assert "$uri" in log_format


@pytest.mark.parametrize("name", ["portal.conf", "compose.conf"])
def test_nginx_rate_limits_login_and_eidas_acs(name):
    config = (DEPLOY / "nginx" / name).read_text()
    assert "limit_req_zone" in config
    for path in ("/accounts/login/", "/eidas/acs/"):
        block = re.search(rf"location = {re.escape(path)} \{{(.*?)\}}", config, re.DOTALL)
        assert block and "limit_req " in block.group(1), path


def test_nginx_redirects_http_to_https_and_leaves_hsts_to_django():
    config = (DEPLOY / "nginx" / "portal.conf").read_text()
    assert "return 301 https://$host$request_uri;" in config
    assert "listen 443 ssl" in config
    assert "Strict-Transport-Security" not in config


def test_nginx_serves_static_files_but_never_media():
    config = (DEPLOY / "nginx" / "portal.conf").read_text()
    assert "alias /srv/portal/var/staticfiles/;" in config
    assert "immutable" in config
    assert "/media" not in re.sub(r"#.*", "", config)


# --- Docker -------------------------------------------------------------------------------------------


def test_dockerfile_builds_assets_installs_hashed_dependencies_and_runs_unprivileged():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^FROM node:\S+ AS assets$", dockerfile, re.MULTILINE)
    assert "npm ci" in dockerfile
    assert "npm run build" in dockerfile
    assert "FROM python:3.11-slim-bookworm" in dockerfile
    assert "pip install --require-hashes -r" in dockerfile
    assert "compilemessages" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert re.search(r"^USER 10001", dockerfile, re.MULTILINE)
    assert "EXPOSE 8000" in dockerfile
    assert 'CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "portal.wsgi:application"]' in dockerfile


def test_docker_build_context_excludes_local_data_and_secrets():
    ignored = set((DEPLOY / "Dockerfile.dockerignore").read_text().split())
    assert {".git", "**/.venv", "**/node_modules", "var", ".env"} <= ignored
