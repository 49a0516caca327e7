"""The demo scenario of `refah demo_scenario`: realistic work in progress for Iğdır Merkez SYDV, made only
through the apps' services (audited and ledgered as in real use) by the users of `refah demo_users`."""

from refah.accounts.demo.scenario import Summary, scenario_exists, scenario_run

__all__ = ["Summary", "scenario_exists", "scenario_run"]
