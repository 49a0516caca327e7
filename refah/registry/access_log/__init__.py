"""The review of the access log: who read a person's or household's data, and unusual reading (the auditor's
screens at /audit/access/ and the registry API's /access-log). The log itself (AccessEvent, access_record) is
refah.audit's, written by every app; reviewing it finds people and jurisdictions, so it sits here, above the
registry's and accounts' selectors (refah/common/tests/test_layers.py)."""
