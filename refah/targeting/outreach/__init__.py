"""Outreach (issue 18): likely eligible households that have not applied, per district (take-up), their call list,
and the poverty-gap what-if. selectors.py reads, whatif.py simulates (never changes aid), views.py shows."""
