"""The anomaly timer (refah.common.timers): the detectors run once a day over the whole registry."""

from refah.common.timers import timer
from refah.targeting.anomalies.services import anomalies_find


@timer("targeting_find_anomalies")
def targeting_find_anomalies() -> int:
    return anomalies_find()
