"""The demo (`refah demo_users`, `refah demo_scenario`): Iğdır's offices, one user per role and realistic work in
progress for Iğdır Merkez SYDV, made only through the apps' services (audited and ledgered as in real use).

The top of the house: the only app that may import every other one (refah/common/tests/test_layers.py). It has
no models; this module stays empty because Django imports it before the app registry is ready."""
