"""Data-driven targeting (issue 18): a learned need model, proposals beside the rules, outreach."""
