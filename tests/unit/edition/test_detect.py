"""Edition detection from signals: each signal alone, together, and in conflict.

Matrix (ids): nothing found → unknown; the control plane alone with and without
`--nginx-plus`; the Plus data-plane image alone; the usage-report Secret alone (weak);
image + Secret together; the flag with everything; a visible OSS control plane overriding a
Plus image and Secret; snippets by `--snippets` and by the older `--snippets-filters`;
WAF needing both Plus and the CRD; the version from the image tag; supportedFeatures.
"""

from __future__ import annotations

import pytest

from ngf_console.edition import ControlPlane, Edition, GatewayClassInfo, Signals, detect

IMAGE = "ghcr.io/nginx/nginx-gateway-fabric:2.6.7"
PLUS_IMAGE = "private-registry.nginx.com/nginx-gateway-fabric/nginx-plus:2.6.7"
OSS_IMAGE = "ghcr.io/nginx/nginx-gateway-fabric/nginx:2.6.7"
CLASS = GatewayClassInfo("nginx", "gateway.nginx.org/nginx-gateway-controller", ("HTTPRoute",))


def plane(*args: str, image: str = IMAGE) -> ControlPlane:
    return ControlPlane("nginx-gateway", "ngf-nginx-gateway-fabric", image, ("static-mode", *args))


CASES = [
    pytest.param(Signals(), "unknown", False, id="nothing-found"),
    pytest.param(Signals(waf_crd=True), "unknown", False, id="only-the-crd"),
    pytest.param(Signals(control_plane=plane()), "oss", False, id="control-plane-without-flag"),
    pytest.param(
        Signals(control_plane=plane("--nginx-plus"), waf_crd=True),
        "plus",
        True,
        id="flag-alone",
    ),
    pytest.param(
        Signals(gateway_class=CLASS, data_plane_image=PLUS_IMAGE, waf_crd=True),
        "plus",
        True,
        id="plus-image-alone",
    ),
    pytest.param(
        Signals(gateway_class=CLASS, data_plane_image=OSS_IMAGE, waf_crd=True),
        "oss",
        False,
        id="oss-image-alone",
    ),
    pytest.param(
        Signals(gateway_class=CLASS, usage_secret="nginx-gateway/nplus-license", waf_crd=True),
        "plus",
        True,
        id="usage-secret-alone",
    ),
    pytest.param(Signals(gateway_class=CLASS), "oss", False, id="class-without-plus-signal"),
    pytest.param(
        Signals(
            gateway_class=CLASS,
            data_plane_image=PLUS_IMAGE,
            usage_secret="nginx-gateway/nplus-license",
        ),
        "plus",
        False,
        id="image-and-secret-no-crd",
    ),
    pytest.param(
        Signals(
            control_plane=plane("--nginx-plus", "--usage-report-secret=lic"),
            gateway_class=CLASS,
            data_plane_image=PLUS_IMAGE,
            usage_secret="nginx-gateway/lic",
            waf_crd=True,
        ),
        "plus",
        True,
        id="all-signals-together",
    ),
    pytest.param(
        Signals(
            control_plane=plane(),
            gateway_class=CLASS,
            data_plane_image=PLUS_IMAGE,
            usage_secret="nginx-gateway/nplus-license",
            waf_crd=True,
        ),
        "oss",
        False,
        id="visible-control-plane-without-flag-overrides",
    ),
]


@pytest.mark.parametrize(("signals", "name", "waf"), CASES)
def test_edition_and_waf(signals: Signals, name: str, waf: bool) -> None:
    edition = detect(signals)
    assert (edition.name, edition.waf) == (name, waf)
    assert (edition.why_unavailable("waf") is None) == waf


def test_unknown_says_what_was_looked_for() -> None:
    edition = detect(Signals(namespace="ngf"))
    assert edition.name == "unknown"
    assert "no NGF control-plane Deployment in namespace ngf" in edition.reason
    why = edition.why_unavailable("snippets")
    assert why is not None
    assert why.startswith("NGINX Gateway Fabric was not detected")


def test_conflicting_signals_are_named_as_ignored() -> None:
    edition = detect(Signals(control_plane=plane(), data_plane_image=PLUS_IMAGE))
    assert "runs without --nginx-plus" in edition.reason
    assert f"ignoring data-plane image {PLUS_IMAGE} is NGINX Plus" in edition.reason


def test_usage_secret_alone_is_called_weak() -> None:
    edition = detect(Signals(gateway_class=CLASS, usage_secret="nginx-gateway/nplus-license"))
    assert "weak" in edition.reason
    assert edition.evidence == ("usage-report Secret nginx-gateway/nplus-license exists",)


def test_evidence_lists_every_plus_signal() -> None:
    edition = detect(
        Signals(
            control_plane=plane("--nginx-plus"),
            data_plane_image=PLUS_IMAGE,
            usage_secret="nginx-gateway/nplus-license",
        )
    )
    assert len(edition.evidence) == 3
    assert (
        edition.reason
        == "control plane nginx-gateway/ngf-nginx-gateway-fabric runs with --nginx-plus"
    )


@pytest.mark.parametrize(
    ("args", "snippets"),
    [
        pytest.param((), False, id="no-flag"),
        pytest.param(("--snippets",), True, id="snippets"),
        pytest.param(("--snippets-filters",), True, id="snippets-filters"),
        pytest.param(("--snippets=false",), False, id="explicitly-off"),
    ],
)
def test_snippets_flag(args: tuple[str, ...], snippets: bool) -> None:
    edition = detect(Signals(control_plane=plane(*args)))
    assert edition.snippets is snippets
    assert (edition.why_unavailable("snippets") is None) is snippets


def test_snippets_without_visible_control_plane_are_not_assumed() -> None:
    edition = detect(Signals(gateway_class=CLASS, data_plane_image=PLUS_IMAGE))
    why = edition.why_unavailable("snippets")
    assert why is not None
    assert "not visible" in why


@pytest.mark.parametrize(
    ("image", "version"),
    [
        pytest.param("ghcr.io/nginx/nginx-gateway-fabric:2.6.7", "2.6.7", id="tag"),
        pytest.param("ghcr.io/nginx/nginx-gateway-fabric:v2.3.1", "2.3.1", id="v-tag"),
        pytest.param("ghcr.io/nginx/nginx-gateway-fabric:edge", "edge", id="edge"),
        pytest.param("localhost:5000/nginx-gateway-fabric:2.5.0", "2.5.0", id="registry-port"),
        pytest.param("ghcr.io/nginx/nginx-gateway-fabric@sha256:abc", None, id="digest"),
        pytest.param("ghcr.io/nginx/nginx-gateway-fabric", None, id="untagged"),
    ],
)
def test_version_from_control_plane_image(image: str, version: str | None) -> None:
    assert detect(Signals(control_plane=plane(image=image))).version == version


@pytest.mark.parametrize(
    ("version", "available"),
    [
        pytest.param("2.3.1", False, id="before-2.4"),
        pytest.param("2.4.0", True, id="2.4.0"),
        pytest.param("edge", True, id="edge"),
        pytest.param(None, True, id="unknown-version"),
    ],
)
def test_snippets_policy_needs_ngf_2_4(version: str | None, available: bool) -> None:
    edition = Edition("oss", "test", version=version, snippets=True, control_plane="ns/ngf")
    assert (edition.why_unavailable("snippets-policy") is None) is available


def test_waf_on_plus_without_the_crd_names_the_crd() -> None:
    why = detect(Signals(control_plane=plane("--nginx-plus"))).why_unavailable("waf")
    assert why is not None
    assert "wafpolicies.gateway.nginx.org" in why


def test_waf_on_oss_names_nginx_plus() -> None:
    why = detect(Signals(control_plane=plane(), waf_crd=True)).why_unavailable("waf")
    assert why == (
        "needs NGINX Plus; control plane nginx-gateway/ngf-nginx-gateway-fabric runs "
        "without --nginx-plus"
    )


def test_gateway_class_and_supported_features() -> None:
    edition = detect(Signals(control_plane=plane(), gateway_class=CLASS))
    assert (edition.gateway_class, edition.supported_features) == ("nginx", ("HTTPRoute",))
    assert edition.control_plane == "nginx-gateway/ngf-nginx-gateway-fabric"
