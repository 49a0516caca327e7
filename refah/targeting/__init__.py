"""Data-driven targeting (issue 18): a learned need model beside the published need score.

Pure computation, no Django models here (the app's models, screens and ledger live beside it):
features (features.py), the survey sample (survey.py), the models (models.py), explanations (explain.py),
cut-offs set by policy (policy.py), the evaluation against the truth of a synthetic world (evaluate.py, truth.py)
and the model card (card.py). docs/targeting.md describes the method and the measured results.
"""
