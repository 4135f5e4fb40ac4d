"""The fuzz property (tests/errors/fuzzcase.py): a clear answer for every broken register.

A few hundred examples here; ``benchmarks/fuzz.py`` runs ten thousand and more.
"""

from __future__ import annotations

from fuzzcase import (
    check_load,
    check_read,
    check_same_read,
    corrupted_csv,
    corrupted_parquet,
)
from hypothesis import HealthCheck, given, settings

FAST = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
FULL = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))


@FAST
@given(corrupted_csv())
def test_a_corrupted_csv_is_read_or_refused_with_its_name(case):
    name, data = case
    check_read(name, data, ".csv")


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(corrupted_parquet())
def test_a_corrupted_parquet_is_read_or_refused_with_its_name(case):
    name, data = case
    check_read(name, data, ".parquet")


@FULL
@given(corrupted_csv())
def test_the_registers_stage_balances_or_refuses(case):
    name, data = case
    check_load(name, data, ".csv")


@FULL
@given(corrupted_parquet())
def test_the_registers_stage_balances_or_refuses_parquet(case):
    name, data = case
    check_load(name, data, ".parquet")


@FAST
@given(corrupted_csv())
def test_duckdb_reads_a_corrupted_csv_as_pyarrow_does(case):
    name, data = case
    check_same_read(name, data, ".csv")


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(corrupted_parquet())
def test_duckdb_reads_a_corrupted_parquet_as_pyarrow_does(case):
    name, data = case
    check_same_read(name, data, ".parquet")
