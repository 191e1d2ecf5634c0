"""bench.stages runs the pipeline's stages as analyse_text does, so its table adds up."""

from __future__ import annotations

import pytest

from bench import stages
from events.extraction import pipeline

TEXT = ("№ 1\nПисьмо Сталина Молотову от 6 сентября 1923 г.\n\n"
        "Троцкий был арестован 5 мая 1924 г. в Москве.\n")


def test_every_stage_is_timed_once_per_text():
    spent = stages.run_stages(TEXT, "001_x.txt", None, None)
    assert list(spent) == list(stages.STAGES)
    assert all(seconds >= 0 for seconds in spent.values())


def test_stages_run_in_the_pipelines_order_with_its_collector_state(monkeypatch):
    """The stage runner must call the stages the pipeline calls, with the collector paused
    as analyse_text pauses it; a profiled stage is the only one the profiler sees."""
    import gc

    seen = []
    real_link = pipeline.link_entities

    def spy_link(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_link(*args, **kwargs)

    monkeypatch.setattr(pipeline, "link_entities", spy_link)
    stages.run_stages(TEXT, "001_x.txt", None, None)
    assert seen == [False]


@pytest.mark.parametrize("stage", ["build", "link"])
def test_a_profiled_stage_is_recorded(stage):
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    stages.run_stages(TEXT, "001_x.txt", stage, profiler)
    functions = {name for _, _, name in pstats.Stats(profiler).stats}
    assert {"build": "build_events", "link": "link_entities"}[stage] in functions
