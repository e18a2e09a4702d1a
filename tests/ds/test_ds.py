"""Bundled bench models and toy network."""

import pytest

from soraresist import ds
from soraresist.errors import UnknownNameError

SIZES = {"bbm023": (10, 1), "bbm065": (32, 2), "bbm025": (60, 6), "bbm092": (69, 8),
         "bbm012": (101, 7), "bbm210": (144, 0), "bbm001": (321, 19)}


def test_all_seven_models_with_the_documented_sizes():
    names = ds.bench_models()
    assert [name.split("_")[0] for name in names] == list(SIZES)
    for name in names:
        net = ds.bench_model(name)
        assert (len(net.nodes), len(net.inputs)) == SIZES[name.split("_")[0]]


def test_full_name_and_prefix_give_the_same_model():
    assert ds.bench_model("bbm092_HEPATOCELLULAR-CARCINOMA") == ds.bench_model("bbm092")


def test_unknown_model_suggests_close_names():
    with pytest.raises(UnknownNameError, match="bbm023"):
        ds.bench_model("bbm023_MAMMALIAN")


def test_toy_network_input_and_start():
    net = ds.toy_network()
    assert net.inputs == ("A",)
    assert net.initial == {"A": 1.0, "B": 0.0, "C": 0.0}
