"""Deploy when the network or the answers are bad: one sign-in message, waits that Ctrl-C ends, Retry-After
bounded and parsed safely, a lost status said as such, slow requests shown. Real SDK and credentials against
the emulator."""

from __future__ import annotations

import contextlib
import signal
import socket
import threading
import time

import pytest
import trustme
from arm_emulator import Fault
from deploy_helpers import deploy, emulator, estate, interrupted_after, no_stray_connections, outcomes  # noqa: F401

from relecloud_templates.deploy.session import Run


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_wrong_secret_is_one_message_before_any_unit(deploy, estate, emulator, monkeypatch):
    monkeypatch.setenv("AZURE_CLIENT_SECRET", "wrong")
    result = deploy(str(estate), "--what-if")
    assert result.exit_code == 1
    assert result.stderr.count("authentication failed") == 1
    assert "authentication failed: Microsoft Entra ID refused the credential" in result.stderr
    assert "AADSTS7000215: Invalid client secret provided" in result.stderr and "AZURE_CLIENT_SECRET" in result.stderr
    assert "validating" not in result.stderr and "mgmt" not in result.output  # no unit started
    assert emulator.count("POST", "*/oauth2/v2.0/token") == 1
    assert not [p for _, p, _ in emulator.requests if "/subscriptions/" in p]


def test_an_unreachable_sign_in_endpoint_is_said_as_such_not_as_a_wrong_login(deploy, estate, emulator, monkeypatch):
    authority = f"https://127.0.0.1:{free_port()}"
    monkeypatch.setenv("AZURE_AUTHORITY_HOST", authority)
    result = deploy(str(estate), "--what-if", "--retries", "0")
    assert result.exit_code == 1
    assert f"cannot sign in: the sign-in endpoint {authority} cannot be reached" in result.stderr
    assert "Connection refused" in result.stderr
    assert "az login" not in result.stderr and "authentication failed" not in result.stderr
    assert result.stderr.count("cannot sign in") == 1


def test_an_untrusted_certificate_is_said_as_such(deploy, estate, emulator, tmp_path, monkeypatch):
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    monkeypatch.setenv("RELECLOUD_CA_BUNDLE", str(other))
    result = deploy(str(estate), "--what-if", "--retries", "0")
    assert result.exit_code == 1
    assert f"cannot sign in: the TLS certificate of the sign-in endpoint {emulator.url} is not trusted by {other}" \
        in result.stderr
    assert "CERTIFICATE_VERIFY_FAILED" in result.stderr and "--ca-bundle" in result.stderr
    assert "az login" not in result.stderr


def test_a_ca_bundle_without_certificates_is_a_usage_error(deploy, estate, emulator, tmp_path, monkeypatch):
    garbage = tmp_path / "ca.pem"
    garbage.write_text("not a certificate\n")
    monkeypatch.setenv("RELECLOUD_CA_BUNDLE", str(garbage))
    result = deploy(str(estate), "--what-if")
    assert result.exit_code == 2
    assert f"{garbage} holds no usable certificate" in result.output and "PEM" in result.output
    assert emulator.requests == []


@pytest.mark.parametrize("header", ["soon", "Thu, 32 Foo 2026", "-"])
def test_a_malformed_retry_after_is_ignored_not_a_traceback(deploy, estate, emulator, header):
    emulator.poll_retry_after = header  # on every status answer of a long-running operation
    emulator.faults.append(Fault("PUT", "*/deploymentstacks/rc-dev-mgmt", status=429, retry_after=header))
    result = deploy(str(estate), "--yes", "--unit", "mgmt")
    assert result.exit_code == 0, result.output
    assert "ValueError" not in result.output and "Invalid HTTP date" not in result.output


def test_a_long_retry_after_is_capped(deploy, estate, emulator):
    emulator.faults.append(Fault("PUT", "*/deploymentstacks/rc-dev-mgmt", status=429, retry_after=3600))
    emulator.poll_retry_after = "3600"
    started = time.monotonic()
    result = deploy(str(estate), "--yes", "--unit", "mgmt", "--max-retry-after", "0.5")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 10


def test_ctrl_c_ends_a_long_retry_after_wait_at_once(deploy, estate, emulator):
    emulator.faults.append(Fault("PUT", "*/deploymentstacks/rc-dev-mgmt", status=429, retry_after=3600))
    with interrupted_after(0.2, signal.SIGINT, when=lambda: emulator.faults[0].times == 0) as sent:  # 429 answered
        stopped = deploy(str(estate), "--yes", "--unit", "mgmt", "--max-retry-after", "3600")
    assert stopped.exit_code == 130, stopped.output
    assert time.monotonic() - sent[0] < 5  # not the 72 s that the test back-off makes of the 3600 s
    assert outcomes(stopped.stdout)["mgmt"] == "interrupted"


def test_ctrl_c_twice_leaves_a_stalled_request_and_names_what_may_run(deploy, estate, emulator, monkeypatch):
    emulator.faults.append(Fault("PUT", "*/deploymentstacks/rc-dev-mgmt", status=0, delay=30))
    stopping: list = []  # the run told of the first Ctrl-C: the second one comes once it is waiting out the grace
    told = Run._stopping
    monkeypatch.setattr(Run, "_stopping", lambda run, running: (told(run, running), stopping.append(run)))
    sent_put, grace_begun = (lambda: emulator.faults[0].times == 0), (lambda: stopping and stopping[0].cancel.is_set())
    with interrupted_after(0.05, signal.SIGINT, signal.SIGINT, when=[sent_put, grace_begun]) as sent:
        stopped = deploy(str(estate), "--yes", "--unit", "mgmt")
    assert stopped.exit_code == 130, stopped.output
    assert len(sent) == 2 and time.monotonic() - sent[0] < 5  # the second Ctrl-C cut the 5 s grace short
    assert "stopping: giving mgmt 5 s to come back (press Ctrl-C again to stop waiting now)" in stopped.stderr
    # The PUT was sent: Azure may have started the deployment.
    assert "mgmt (deployment of stack rc-dev-mgmt): az stack sub show" in stopped.stderr


def test_a_500_while_polling_says_the_unit_may_still_be_running(deploy, estate, emulator):
    emulator.faults.append(Fault("GET", "*/deploymentstacks/rc-dev-mgmt/operationstatuses/*", status=500, times=5))
    result = deploy(str(estate), "--yes", "--unit", "mgmt", "--retries", "0")
    assert result.exit_code == 1
    assert "mgmt: status failed: could not read the status of the deployment of stack rc-dev-mgmt: InjectedFault: " \
           "HTTP 500 injected by the test." in result.stderr
    assert "it may still be running in Azure; look with `az stack sub show --subscription " \
           "6a1b2c3d-0000-4000-8000-000000000001 --name rc-dev-mgmt`; " \
           f"`relecloud deploy {estate} --env dev --retries 0 --unit mgmt --yes` waits for it and finishes the job" \
        in result.stderr


def test_a_slow_request_is_shown_in_the_progress(estate, emulator):
    """The request watch (a pipeline policy of every client) knows which unit waits for which request."""
    from relecloud_templates.deploy.connection import Clients, Connection, default_credential
    from relecloud_templates.deploy.plan_file import load_plan
    from relecloud_templates.deploy.transport import RequestWatch

    clock = [0.0]
    watch = RequestWatch(clock=lambda: clock[0])
    import os

    for name, value in emulator.env().items():
        os.environ[name] = value
    connection = Connection(emulator.url, str(emulator.ca_path), 0.05, watch=watch)
    clients = Clients(default_credential(connection), connection)
    unit = load_plan(estate).unit("mgmt")
    seen: list[str] = []
    # The answer is held until the watch has said so (5 s at most): however slow the machine, it is in flight.
    emulator.faults.append(Fault("GET", "*/deploymentstacks/rc-dev-mgmt", status=0, until=lambda: bool(seen),
                                 within=5))

    def slow_get() -> None:
        watch.bind("mgmt")
        with contextlib.suppress(Exception):  # 404 after the delay: there is no stack
            clients.stacks(unit.subscription_id).deployment_stacks.get_at_subscription(unit.deployment_name)

    worker = threading.Thread(target=slow_get)
    worker.start()
    deadline = time.monotonic() + 5
    while not seen and time.monotonic() < deadline:
        clock[0] += 12.0
        seen += [s for s in [watch.status("mgmt")] if s]
        time.sleep(0.05)
    worker.join()
    assert seen and seen[0].startswith("waiting for Azure to answer GET .../deploymentStacks/rc-dev-mgmt (over 10 s")
    assert watch.status("mgmt") == ""  # answered: nothing to say
    for name in emulator.env():
        os.environ.pop(name, None)
