"""Anomalies worth a look (issue 18): many unrelated households at one address, declared income falling just
before an application, aid from several givers for the same need in the same period. Each is an `AnomalyFlag` with
its evidence, found by a set-wise run (detectors.py) and reviewed by an inspector — never an automatic sanction.

A Django app of its own (label `targeting_anomalies`) inside the targeting package, so that its model and migrations
do not share a migration history with the model app's (refah.targeting)."""
