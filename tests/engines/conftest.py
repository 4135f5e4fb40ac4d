"""The engines every conformance test runs on, as Ibis runs its backend suite.

``engine_url`` is parametrised over ``duckdb``, ``postgres`` and ``pyspark``; a test
that one engine cannot pass carries ``@pytest.mark.notimpl([...], raises=...)`` (an
expected failure with that exception, strict: it fails when the engine starts to pass).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest
from engine_servers import postgres_server, spark_available, unavailable

ENGINES = ("duckdb", "postgres", "pyspark")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "notimpl(engines, raises, reason): the engines cannot do this (strict xfail)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("notimpl")
        callspec = getattr(item, "callspec", None)
        if marker is None or callspec is None:
            continue
        engine = callspec.params.get("engine_url")
        if engine in marker.args[0]:
            item.add_marker(
                pytest.mark.xfail(
                    raises=marker.kwargs["raises"],
                    reason=marker.kwargs.get("reason", f"{engine}: not implemented"),
                    strict=True,
                )
            )


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def spark_session() -> Iterator[object]:
    if not spark_available():
        unavailable("PySpark or Java is not installed (pip install 'akassemonitor[spark]')")
    from pyspark.sql import SparkSession

    warehouse = tempfile.mkdtemp(prefix="akasse-spark-")
    os.environ.setdefault("AKASSE_SPARK_PARTITIONS", "2")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("akassemonitor-tests")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(params=ENGINES)
def engine_url(request: pytest.FixtureRequest) -> str:
    """The ``--engine`` value of each engine (its server started once per session)."""
    if request.param == "duckdb":
        return "duckdb"
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    request.getfixturevalue("spark_session")
    return "spark"
